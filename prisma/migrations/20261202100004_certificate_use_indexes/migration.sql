-- CreateIndex
CREATE INDEX "RealmPostAuth_signingCertificateId_idx" ON "RealmPostAuth"("signingCertificateId");

-- CreateIndex
CREATE INDEX "RealmPostAuth_nextCertificateId_idx" ON "RealmPostAuth"("nextCertificateId");
