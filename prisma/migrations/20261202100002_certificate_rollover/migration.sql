-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN "expiryWarnedOn" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RealmPostAuth" (
    "realmId" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 1,
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
    "nextCertificateId" TEXT,
    "switchAt" DATETIME,
    "cookieName" TEXT NOT NULL,
    "cookieRequireSsl" BOOLEAN NOT NULL,
    "slidingExpiration" BOOLEAN NOT NULL,
    "timeoutMinutes" INTEGER NOT NULL,
    "persistentCookie" BOOLEAN NOT NULL,
    CONSTRAINT "RealmPostAuth_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RealmPostAuth_signingCertificateId_fkey" FOREIGN KEY ("signingCertificateId") REFERENCES "Certificate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RealmPostAuth_nextCertificateId_fkey" FOREIGN KEY ("nextCertificateId") REFERENCES "Certificate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_RealmPostAuth" ("audience", "consumerUrl", "cookieName", "cookieRequireSsl", "encodeBase64", "encryptAssertion", "issuer", "metadataDomain", "nameIdFormat", "offsetMinutes", "persistentCookie", "realmId", "recipient", "redirect", "signAssertion", "signMessage", "signingAlgorithm", "signingCertificateId", "slidingExpiration", "spStartUrl", "targetUrl", "timeoutMinutes", "userIdMapping", "validHours", "version") SELECT "audience", "consumerUrl", "cookieName", "cookieRequireSsl", "encodeBase64", "encryptAssertion", "issuer", "metadataDomain", "nameIdFormat", "offsetMinutes", "persistentCookie", "realmId", "recipient", "redirect", "signAssertion", "signMessage", "signingAlgorithm", "signingCertificateId", "slidingExpiration", "spStartUrl", "targetUrl", "timeoutMinutes", "userIdMapping", "validHours", "version" FROM "RealmPostAuth";
DROP TABLE "RealmPostAuth";
ALTER TABLE "new_RealmPostAuth" RENAME TO "RealmPostAuth";
CREATE INDEX "RealmPostAuth_redirect_realmId_idx" ON "RealmPostAuth"("redirect", "realmId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
