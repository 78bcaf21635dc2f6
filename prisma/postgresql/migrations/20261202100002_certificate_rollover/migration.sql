-- AlterTable
ALTER TABLE "RealmPostAuth" ADD COLUMN     "nextCertificateId" TEXT,
ADD COLUMN     "switchAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "expiryWarnedOn" TEXT;

-- AddForeignKey
ALTER TABLE "RealmPostAuth" ADD CONSTRAINT "RealmPostAuth_nextCertificateId_fkey" FOREIGN KEY ("nextCertificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
