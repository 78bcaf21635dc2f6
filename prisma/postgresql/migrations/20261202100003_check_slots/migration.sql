-- CreateTable
CREATE TABLE "CheckSlot" (
    "key" TEXT NOT NULL,
    "inFlight" INTEGER NOT NULL,
    "touchedAt" TIMESTAMP(3) NOT NULL,

CONSTRAINT "CheckSlot_pkey" PRIMARY KEY ("key")
);
