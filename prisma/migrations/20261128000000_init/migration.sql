-- CreateTable
CREATE TABLE "Realm" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RealmOverview" (
    "realmId" TEXT NOT NULL PRIMARY KEY,
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
    "senderAddress" TEXT NOT NULL,
    "senderName" TEXT NOT NULL,
    "emailSubject" TEXT NOT NULL,
    CONSTRAINT "RealmOverview_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RealmData" (
    "realmId" TEXT NOT NULL PRIMARY KEY,
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

-- CreateTable
CREATE TABLE "RealmProfileField" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "realmId" TEXT NOT NULL,
    "property" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "writable" BOOLEAN NOT NULL,
    "dataFormat" TEXT NOT NULL,
    CONSTRAINT "RealmProfileField_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RealmWorkflow" (
    "realmId" TEXT NOT NULL PRIMARY KEY,
    "defaultWorkflow" TEXT NOT NULL,
    "publicPrivateMode" TEXT NOT NULL,
    "defaultPublicPrivate" TEXT NOT NULL,
    "rememberUserSelection" BOOLEAN NOT NULL,
    "maxInvalidAttempts" INTEGER NOT NULL,
    "lockoutMinutes" INTEGER NOT NULL,
    CONSTRAINT "RealmWorkflow_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RealmMfa" (
    "realmId" TEXT NOT NULL PRIMARY KEY,
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

-- CreateTable
CREATE TABLE "RealmContactMethod" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "realmId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    CONSTRAINT "RealmContactMethod_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RealmPostAuth" (
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
    "cookieName" TEXT NOT NULL,
    "cookieRequireSsl" BOOLEAN NOT NULL,
    "slidingExpiration" BOOLEAN NOT NULL,
    "timeoutMinutes" INTEGER NOT NULL,
    "persistentCookie" BOOLEAN NOT NULL,
    CONSTRAINT "RealmPostAuth_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RealmSamlAttribute" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "realmId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "groupFilter" TEXT NOT NULL,
    CONSTRAINT "RealmSamlAttribute_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SystemState" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Realm_slug_key" ON "Realm"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Realm_nameKey_key" ON "Realm"("nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "RealmProfileField_realmId_property_key" ON "RealmProfileField"("realmId", "property");

-- CreateIndex
CREATE UNIQUE INDEX "RealmContactMethod_realmId_kind_slot_key" ON "RealmContactMethod"("realmId", "kind", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "RealmSamlAttribute_realmId_position_key" ON "RealmSamlAttribute"("realmId", "position");

