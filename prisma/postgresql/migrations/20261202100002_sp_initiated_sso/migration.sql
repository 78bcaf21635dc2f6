-- AlterTable
ALTER TABLE "RealmPostAuth" ADD COLUMN     "allowedAcsUrls" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "requireSignedAuthn" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "spCertificate" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "spEntityId" TEXT NOT NULL DEFAULT '';
