-- Issue 7: each realm tab carries its own version (existing rows start at 1, like new ones), and the change history.
-- CreateTable
CREATE TABLE "ChangeRecord" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL,
    "adminId" TEXT NOT NULL,
    "adminUsername" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "objectName" TEXT NOT NULL,
    "realmId" TEXT,
    "tab" TEXT,
    "action" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "snapshot" TEXT,
    "sourceRecordId" INTEGER
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RealmOverview" (
    "realmId" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 1,
    "description" TEXT NOT NULL,
    "logo" BLOB,
    "logoType" TEXT,
    "documentTitle" TEXT NOT NULL,
    "pageHeader" TEXT NOT NULL,
    "smtpHost" TEXT NOT NULL,
    "smtpPort" INTEGER NOT NULL,
    "smtpUsername" TEXT NOT NULL,
    "smtpPasswordEnc" TEXT,
    "smtpSecurity" TEXT NOT NULL,
    "smtpAllowPlainAuth" BOOLEAN NOT NULL DEFAULT false,
    "senderAddress" TEXT NOT NULL,
    "senderName" TEXT NOT NULL,
    "emailSubject" TEXT NOT NULL,
    CONSTRAINT "RealmOverview_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RealmOverview" ("description", "documentTitle", "emailSubject", "logo", "logoType", "pageHeader", "realmId", "senderAddress", "senderName", "smtpAllowPlainAuth", "smtpHost", "smtpPasswordEnc", "smtpPort", "smtpSecurity", "smtpUsername") SELECT "description", "documentTitle", "emailSubject", "logo", "logoType", "pageHeader", "realmId", "senderAddress", "senderName", "smtpAllowPlainAuth", "smtpHost", "smtpPasswordEnc", "smtpPort", "smtpSecurity", "smtpUsername" FROM "RealmOverview";
DROP TABLE "RealmOverview";
ALTER TABLE "new_RealmOverview" RENAME TO "RealmOverview";
CREATE TABLE "new_RealmData" (
    "realmId" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 1,
    "dataStore" TEXT NOT NULL,
    "ldapDomain" TEXT NOT NULL,
    "connectionString" TEXT NOT NULL,
    "connectionMode" TEXT NOT NULL,
    "anonymousLookup" BOOLEAN NOT NULL,
    "ldapUsername" TEXT NOT NULL,
    "ldapPasswordEnc" TEXT,
    "searchAttribute" TEXT NOT NULL,
    "searchFilter" TEXT NOT NULL,
    "validateUserType" TEXT NOT NULL,
    "advancedAdUserCheck" BOOLEAN NOT NULL,
    "groupCheckType" TEXT NOT NULL,
    "userGroups" TEXT NOT NULL,
    "includeNestedGroups" BOOLEAN NOT NULL,
    "groupsField" TEXT NOT NULL,
    "profileSameAsAbove" BOOLEAN NOT NULL,
    CONSTRAINT "RealmData_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RealmData" ("advancedAdUserCheck", "anonymousLookup", "connectionMode", "connectionString", "dataStore", "groupCheckType", "groupsField", "includeNestedGroups", "ldapDomain", "ldapPasswordEnc", "ldapUsername", "profileSameAsAbove", "realmId", "searchAttribute", "searchFilter", "userGroups", "validateUserType") SELECT "advancedAdUserCheck", "anonymousLookup", "connectionMode", "connectionString", "dataStore", "groupCheckType", "groupsField", "includeNestedGroups", "ldapDomain", "ldapPasswordEnc", "ldapUsername", "profileSameAsAbove", "realmId", "searchAttribute", "searchFilter", "userGroups", "validateUserType" FROM "RealmData";
DROP TABLE "RealmData";
ALTER TABLE "new_RealmData" RENAME TO "RealmData";
CREATE TABLE "new_RealmWorkflow" (
    "realmId" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 1,
    "defaultWorkflow" TEXT NOT NULL,
    "publicPrivateMode" TEXT NOT NULL,
    "defaultPublicPrivate" TEXT NOT NULL,
    "rememberUserSelection" BOOLEAN NOT NULL,
    "maxInvalidAttempts" INTEGER NOT NULL,
    "lockoutMinutes" INTEGER NOT NULL,
    CONSTRAINT "RealmWorkflow_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RealmWorkflow" ("defaultPublicPrivate", "defaultWorkflow", "lockoutMinutes", "maxInvalidAttempts", "publicPrivateMode", "realmId", "rememberUserSelection") SELECT "defaultPublicPrivate", "defaultWorkflow", "lockoutMinutes", "maxInvalidAttempts", "publicPrivateMode", "realmId", "rememberUserSelection" FROM "RealmWorkflow";
DROP TABLE "RealmWorkflow";
ALTER TABLE "new_RealmWorkflow" RENAME TO "RealmWorkflow";
CREATE TABLE "new_RealmMfa" (
    "realmId" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 1,
    "totpEnabled" BOOLEAN NOT NULL,
    "totpLength" INTEGER NOT NULL,
    "totpTimeStep" INTEGER NOT NULL,
    "totpDrift" INTEGER NOT NULL,
    "totpIssuer" TEXT NOT NULL,
    "otpLength" INTEGER NOT NULL,
    "otpLifetimeMinutes" INTEGER NOT NULL,
    "otpMaxAttempts" INTEGER NOT NULL,
    CONSTRAINT "RealmMfa_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RealmMfa" ("otpLength", "otpLifetimeMinutes", "otpMaxAttempts", "realmId", "totpDrift", "totpEnabled", "totpIssuer", "totpLength", "totpTimeStep") SELECT "otpLength", "otpLifetimeMinutes", "otpMaxAttempts", "realmId", "totpDrift", "totpEnabled", "totpIssuer", "totpLength", "totpTimeStep" FROM "RealmMfa";
DROP TABLE "RealmMfa";
ALTER TABLE "new_RealmMfa" RENAME TO "RealmMfa";
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
    "cookieName" TEXT NOT NULL,
    "cookieRequireSsl" BOOLEAN NOT NULL,
    "slidingExpiration" BOOLEAN NOT NULL,
    "timeoutMinutes" INTEGER NOT NULL,
    "persistentCookie" BOOLEAN NOT NULL,
    CONSTRAINT "RealmPostAuth_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RealmPostAuth_signingCertificateId_fkey" FOREIGN KEY ("signingCertificateId") REFERENCES "Certificate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_RealmPostAuth" ("audience", "consumerUrl", "cookieName", "cookieRequireSsl", "encodeBase64", "encryptAssertion", "issuer", "metadataDomain", "nameIdFormat", "offsetMinutes", "persistentCookie", "realmId", "recipient", "redirect", "signAssertion", "signMessage", "signingAlgorithm", "signingCertificateId", "slidingExpiration", "spStartUrl", "targetUrl", "timeoutMinutes", "userIdMapping", "validHours") SELECT "audience", "consumerUrl", "cookieName", "cookieRequireSsl", "encodeBase64", "encryptAssertion", "issuer", "metadataDomain", "nameIdFormat", "offsetMinutes", "persistentCookie", "realmId", "recipient", "redirect", "signAssertion", "signMessage", "signingAlgorithm", "signingCertificateId", "slidingExpiration", "spStartUrl", "targetUrl", "timeoutMinutes", "userIdMapping", "validHours" FROM "RealmPostAuth";
DROP TABLE "RealmPostAuth";
ALTER TABLE "new_RealmPostAuth" RENAME TO "RealmPostAuth";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ChangeRecord_createdAt_idx" ON "ChangeRecord"("createdAt");

-- CreateIndex
CREATE INDEX "ChangeRecord_realmId_createdAt_idx" ON "ChangeRecord"("realmId", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeRecord_adminId_createdAt_idx" ON "ChangeRecord"("adminId", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeRecord_objectType_createdAt_idx" ON "ChangeRecord"("objectType", "createdAt");

