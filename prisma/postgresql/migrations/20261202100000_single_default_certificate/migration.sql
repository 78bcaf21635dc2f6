-- At most one default signing certificate (DESIGN "Data"): a partial unique index, which the Prisma schema cannot
-- express, so it is written here by hand (lib/migrations.test.ts knows it). Written for SQLite and PostgreSQL alike.
-- Should two instances' first starts have made two defaults, the older stays the default.
UPDATE "Certificate" SET "isDefault" = false
WHERE "isDefault" AND "id" <> (SELECT "id" FROM "Certificate" WHERE "isDefault" ORDER BY "createdAt", "id" LIMIT 1);

CREATE UNIQUE INDEX "Certificate_single_default" ON "Certificate" ("isDefault") WHERE "isDefault";
