-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serialHex" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "commonName" TEXT NOT NULL,
    "notBefore" DATETIME NOT NULL,
    "notAfter" DATETIME NOT NULL,
    "fingerprintSha256" TEXT NOT NULL,
    "keyBits" INTEGER NOT NULL,
    "certPem" TEXT NOT NULL,
    "privateKeyEnc" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DirectoryUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "usernameKey" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "firstName" TEXT NOT NULL DEFAULT '',
    "lastName" TEXT NOT NULL DEFAULT '',
    "phone1" TEXT NOT NULL DEFAULT '',
    "phone2" TEXT NOT NULL DEFAULT '',
    "phone3" TEXT NOT NULL DEFAULT '',
    "phone4" TEXT NOT NULL DEFAULT '',
    "email1" TEXT NOT NULL DEFAULT '',
    "email2" TEXT NOT NULL DEFAULT '',
    "email3" TEXT NOT NULL DEFAULT '',
    "email4" TEXT NOT NULL DEFAULT '',
    "auxId1" TEXT NOT NULL DEFAULT '',
    "auxId2" TEXT NOT NULL DEFAULT '',
    "auxId3" TEXT NOT NULL DEFAULT '',
    "auxId4" TEXT NOT NULL DEFAULT '',
    "auxId5" TEXT NOT NULL DEFAULT '',
    "auxId6" TEXT NOT NULL DEFAULT '',
    "auxId7" TEXT NOT NULL DEFAULT '',
    "auxId8" TEXT NOT NULL DEFAULT '',
    "auxId9" TEXT NOT NULL DEFAULT '',
    "auxId10" TEXT NOT NULL DEFAULT '',
    "groups" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SignInFailure" (
    "realmId" TEXT NOT NULL,
    "usernameKey" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lockedUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("realmId", "usernameKey")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RealmPostAuth" (
    "realmId" TEXT NOT NULL PRIMARY KEY,
    "redirect" TEXT NOT NULL,
    "userIdMapping" TEXT NOT NULL,
    "nameIdFormat" TEXT NOT NULL,
    "encodeBase64" BOOLEAN NOT NULL,
    "targetUrl" TEXT NOT NULL,
    "consumerUrl" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "spStartUrl" TEXT NOT NULL,
    "offsetMinutes" INTEGER NOT NULL,
    "validHours" INTEGER NOT NULL,
    "signAssertion" BOOLEAN NOT NULL,
    "signMessage" BOOLEAN NOT NULL,
    "signingAlgorithm" TEXT NOT NULL,
    "encryptAssertion" BOOLEAN NOT NULL,
    "metadataDomain" TEXT NOT NULL,
    "signingCertificateId" TEXT,
    "cookieName" TEXT NOT NULL,
    "cookieRequireSsl" BOOLEAN NOT NULL,
    "slidingExpiration" BOOLEAN NOT NULL,
    "timeoutMinutes" INTEGER NOT NULL,
    "persistentCookie" BOOLEAN NOT NULL,
    CONSTRAINT "RealmPostAuth_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RealmPostAuth_signingCertificateId_fkey" FOREIGN KEY ("signingCertificateId") REFERENCES "Certificate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_RealmPostAuth" ("audience", "consumerUrl", "cookieName", "cookieRequireSsl", "encodeBase64", "encryptAssertion", "issuer", "metadataDomain", "nameIdFormat", "offsetMinutes", "persistentCookie", "realmId", "recipient", "redirect", "signAssertion", "signMessage", "signingAlgorithm", "slidingExpiration", "spStartUrl", "targetUrl", "timeoutMinutes", "userIdMapping", "validHours") SELECT "audience", "consumerUrl", "cookieName", "cookieRequireSsl", "encodeBase64", "encryptAssertion", "issuer", "metadataDomain", "nameIdFormat", "offsetMinutes", "persistentCookie", "realmId", "recipient", "redirect", "signAssertion", "signMessage", "signingAlgorithm", "slidingExpiration", "spStartUrl", "targetUrl", "timeoutMinutes", "userIdMapping", "validHours" FROM "RealmPostAuth";
DROP TABLE "RealmPostAuth";
ALTER TABLE "new_RealmPostAuth" RENAME TO "RealmPostAuth";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_serialHex_key" ON "Certificate"("serialHex");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryUser_usernameKey_key" ON "DirectoryUser"("usernameKey");

