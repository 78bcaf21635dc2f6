-- CreateTable
CREATE TABLE "CheckSlot" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "inFlight" INTEGER NOT NULL,
    "touchedAt" DATETIME NOT NULL
);
