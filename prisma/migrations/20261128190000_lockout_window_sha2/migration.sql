-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SignInFailure" (
    "realmId" TEXT NOT NULL,
    "usernameKey" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastFailureAt" DATETIME NOT NULL,
    "lockedUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("realmId", "usernameKey")
);
-- Existing counts keep their last change as the time of their last failure.
INSERT INTO "new_SignInFailure" ("count", "lastFailureAt", "lockedUntil", "realmId", "updatedAt", "usernameKey") SELECT "count", "updatedAt", "lockedUntil", "realmId", "updatedAt", "usernameKey" FROM "SignInFailure";
DROP TABLE "SignInFailure";
ALTER TABLE "new_SignInFailure" RENAME TO "SignInFailure";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- SHA1 signing is no longer offered (its signatures can be forged): realms that chose it sign with SHA2.
UPDATE "RealmPostAuth" SET "signingAlgorithm" = 'sha256' WHERE "signingAlgorithm" = 'sha1';
