-- CreateTable
CREATE TABLE "SignInTransaction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "realmId" TEXT NOT NULL,
    "steps" TEXT NOT NULL,
    "done" INTEGER NOT NULL,
    "privateDevice" BOOLEAN NOT NULL,
    "username" TEXT NOT NULL,
    "userId" TEXT,
    "credentialStamp" TEXT,
    "method" TEXT,
    "codeHash" TEXT,
    "codeExpiresAt" DATETIME,
    "codeAttempts" INTEGER NOT NULL DEFAULT 0,
    "codesSent" INTEGER NOT NULL DEFAULT 0,
    "codeSentAt" DATETIME,
    "pendingTotpEnc" TEXT,
    "spRequest" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "SignInTransaction_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SsoSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "realmId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "credentialStamp" TEXT NOT NULL,
    "sessionIndex" TEXT NOT NULL,
    "privateDevice" BOOLEAN NOT NULL,
    "authenticatedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    CONSTRAINT "SsoSession_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TotpEnrollment" (
    "realmId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "secretEnc" TEXT NOT NULL,
    "lastCounter" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("realmId", "userId"),
    CONSTRAINT "TotpEnrollment_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
CREATE INDEX "SignInFailure_realmId_lastFailureAt_idx" ON "SignInFailure"("realmId", "lastFailureAt");

