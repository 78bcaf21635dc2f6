-- Data tab (LDAP): a private CA to trust, whether TLS certificates are verified, and the connection timeout.
-- Written as ADD COLUMN rather than Prisma's table copy: same columns, and existing rows keep every value.
ALTER TABLE "RealmData" ADD COLUMN "caCertificate" TEXT NOT NULL DEFAULT '';
ALTER TABLE "RealmData" ADD COLUMN "verifyTls" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "RealmData" ADD COLUMN "connectionTimeoutSeconds" INTEGER NOT NULL DEFAULT 5;
