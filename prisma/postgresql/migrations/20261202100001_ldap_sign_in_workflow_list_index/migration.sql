-- AlterTable
ALTER TABLE "RealmData" ADD COLUMN     "caCertificate" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "connectionTimeoutSeconds" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "verifyTls" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "SignInTransaction" (
    "id" TEXT NOT NULL,
    "realmId" TEXT NOT NULL,
    "steps" TEXT NOT NULL,
    "done" INTEGER NOT NULL,
    "privateDevice" BOOLEAN NOT NULL,
    "username" TEXT NOT NULL,
    "userId" TEXT,
    "credentialStamp" TEXT,
    "method" TEXT,
    "codeHash" TEXT,
    "codeExpiresAt" TIMESTAMP(3),
    "codeAttempts" INTEGER NOT NULL DEFAULT 0,
    "codesSent" INTEGER NOT NULL DEFAULT 0,
    "codeSentAt" TIMESTAMP(3),
    "pendingTotpEnc" TEXT,
    "spRequest" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

CONSTRAINT "SignInTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SsoSession" (
    "id" TEXT NOT NULL,
    "realmId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "credentialStamp" TEXT NOT NULL,
    "sessionIndex" TEXT NOT NULL,
    "privateDevice" BOOLEAN NOT NULL,
    "authenticatedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

CONSTRAINT "SsoSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TotpEnrollment" (
    "realmId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "secretEnc" TEXT NOT NULL,
    "lastCounter" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

CONSTRAINT "TotpEnrollment_pkey" PRIMARY KEY ("realmId","userId")
);

-- CreateIndex
CREATE INDEX "SignInTransaction_expiresAt_idx" ON "SignInTransaction"("expiresAt");

-- CreateIndex
CREATE INDEX "SsoSession_userId_idx" ON "SsoSession"("userId");

-- CreateIndex
CREATE INDEX "SsoSession_expiresAt_idx" ON "SsoSession"("expiresAt");

-- CreateIndex
CREATE INDEX "TotpEnrollment_userId_idx" ON "TotpEnrollment"("userId");

-- CreateIndex
CREATE INDEX "RealmPostAuth_redirect_realmId_idx" ON "RealmPostAuth"("redirect", "realmId");

-- CreateIndex
CREATE INDEX "SignInFailure_realmId_lastFailureAt_idx" ON "SignInFailure"("realmId", "lastFailureAt");

-- AddForeignKey
ALTER TABLE "SignInTransaction" ADD CONSTRAINT "SignInTransaction_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoSession" ADD CONSTRAINT "SsoSession_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TotpEnrollment" ADD CONSTRAINT "TotpEnrollment_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm"("id") ON DELETE CASCADE ON UPDATE CASCADE;
