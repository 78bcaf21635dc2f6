-- CreateTable
CREATE TABLE "Realm" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Realm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RealmOverview" (
    "realmId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "description" TEXT NOT NULL,
    "logo" BYTEA,
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

    CONSTRAINT "RealmOverview_pkey" PRIMARY KEY ("realmId")
);

-- CreateTable
CREATE TABLE "RealmData" (
    "realmId" TEXT NOT NULL,
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

    CONSTRAINT "RealmData_pkey" PRIMARY KEY ("realmId")
);

-- CreateTable
CREATE TABLE "RealmProfileField" (
    "id" TEXT NOT NULL,
    "realmId" TEXT NOT NULL,
    "property" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "writable" BOOLEAN NOT NULL,
    "dataFormat" TEXT NOT NULL,

    CONSTRAINT "RealmProfileField_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RealmWorkflow" (
    "realmId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "defaultWorkflow" TEXT NOT NULL,
    "publicPrivateMode" TEXT NOT NULL,
    "defaultPublicPrivate" TEXT NOT NULL,
    "rememberUserSelection" BOOLEAN NOT NULL,
    "maxInvalidAttempts" INTEGER NOT NULL,
    "lockoutMinutes" INTEGER NOT NULL,

    CONSTRAINT "RealmWorkflow_pkey" PRIMARY KEY ("realmId")
);

-- CreateTable
CREATE TABLE "RealmMfa" (
    "realmId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "totpEnabled" BOOLEAN NOT NULL,
    "totpLength" INTEGER NOT NULL,
    "totpTimeStep" INTEGER NOT NULL,
    "totpDrift" INTEGER NOT NULL,
    "totpIssuer" TEXT NOT NULL,
    "otpLength" INTEGER NOT NULL,
    "otpLifetimeMinutes" INTEGER NOT NULL,
    "otpMaxAttempts" INTEGER NOT NULL,

    CONSTRAINT "RealmMfa_pkey" PRIMARY KEY ("realmId")
);

-- CreateTable
CREATE TABLE "RealmContactMethod" (
    "id" TEXT NOT NULL,
    "realmId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,

    CONSTRAINT "RealmContactMethod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RealmPostAuth" (
    "realmId" TEXT NOT NULL,
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

    CONSTRAINT "RealmPostAuth_pkey" PRIMARY KEY ("realmId")
);

-- CreateTable
CREATE TABLE "RealmSamlAttribute" (
    "id" TEXT NOT NULL,
    "realmId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "groupFilter" TEXT NOT NULL,

    CONSTRAINT "RealmSamlAttribute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL,
    "serialHex" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "commonName" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "fingerprintSha256" TEXT NOT NULL,
    "keyBits" INTEGER NOT NULL,
    "certPem" TEXT NOT NULL,
    "privateKeyEnc" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryUser" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DirectoryUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInFailure" (
    "realmId" TEXT NOT NULL,
    "usernameKey" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastFailureAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInFailure_pkey" PRIMARY KEY ("realmId","usernameKey")
);

-- CreateTable
CREATE TABLE "SystemState" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SystemState_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Admin" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "usernameKey" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Admin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdminSession" (
    "id" TEXT NOT NULL,
    "adminId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AdminSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Throttle" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "Throttle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ChangeRecord" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
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
    "sourceRecordId" INTEGER,

    CONSTRAINT "ChangeRecord_pkey" PRIMARY KEY ("id")
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

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_serialHex_key" ON "Certificate"("serialHex");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryUser_usernameKey_key" ON "DirectoryUser"("usernameKey");

-- CreateIndex
CREATE UNIQUE INDEX "Admin_usernameKey_key" ON "Admin"("usernameKey");

-- CreateIndex
CREATE INDEX "AdminSession_adminId_idx" ON "AdminSession"("adminId");

-- CreateIndex
CREATE INDEX "ChangeRecord_createdAt_idx" ON "ChangeRecord"("createdAt");

-- CreateIndex
CREATE INDEX "ChangeRecord_realmId_createdAt_idx" ON "ChangeRecord"("realmId", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeRecord_adminId_createdAt_idx" ON "ChangeRecord"("adminId", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeRecord_objectType_createdAt_idx" ON "ChangeRecord"("objectType", "createdAt");

-- AddForeignKey
ALTER TABLE "RealmOverview" ADD CONSTRAINT "RealmOverview_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RealmData" ADD CONSTRAINT "RealmData_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RealmProfileField" ADD CONSTRAINT "RealmProfileField_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RealmWorkflow" ADD CONSTRAINT "RealmWorkflow_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RealmMfa" ADD CONSTRAINT "RealmMfa_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RealmContactMethod" ADD CONSTRAINT "RealmContactMethod_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RealmPostAuth" ADD CONSTRAINT "RealmPostAuth_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RealmPostAuth" ADD CONSTRAINT "RealmPostAuth_signingCertificateId_fkey" FOREIGN KEY ("signingCertificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RealmSamlAttribute" ADD CONSTRAINT "RealmSamlAttribute_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdminSession" ADD CONSTRAINT "AdminSession_adminId_fkey" FOREIGN KEY ("adminId") REFERENCES "Admin"("id") ON DELETE CASCADE ON UPDATE CASCADE;

