-- Issue 9, SP-initiated SSO (hand-written as ADD COLUMNs rather than Prisma's table rebuild: the same result, and
-- it leaves other migrations of RealmPostAuth alone).
ALTER TABLE "RealmPostAuth" ADD COLUMN "spEntityId" TEXT NOT NULL DEFAULT '';
ALTER TABLE "RealmPostAuth" ADD COLUMN "allowedAcsUrls" TEXT NOT NULL DEFAULT '';
ALTER TABLE "RealmPostAuth" ADD COLUMN "requireSignedAuthn" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "RealmPostAuth" ADD COLUMN "spCertificate" TEXT NOT NULL DEFAULT '';
