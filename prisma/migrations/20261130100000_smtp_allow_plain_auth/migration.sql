-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RealmOverview" (
    "realmId" TEXT NOT NULL PRIMARY KEY,
    "description" TEXT NOT NULL,
    "logo" BLOB,
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
    CONSTRAINT "RealmOverview_realmId_fkey" FOREIGN KEY ("realmId") REFERENCES "Realm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RealmOverview" ("description", "documentTitle", "emailSubject", "logo", "logoType", "pageHeader", "realmId", "senderAddress", "senderName", "smtpHost", "smtpPasswordEnc", "smtpPort", "smtpSecurity", "smtpUsername") SELECT "description", "documentTitle", "emailSubject", "logo", "logoType", "pageHeader", "realmId", "senderAddress", "senderName", "smtpHost", "smtpPasswordEnc", "smtpPort", "smtpSecurity", "smtpUsername" FROM "RealmOverview";
DROP TABLE "RealmOverview";
ALTER TABLE "new_RealmOverview" RENAME TO "RealmOverview";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

