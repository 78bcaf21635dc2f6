-- Issue 11: the realms list filters by Authenticated User Redirect on the server, among thousands of realms.
-- CreateIndex
CREATE INDEX "RealmPostAuth_redirect_realmId_idx" ON "RealmPostAuth"("redirect", "realmId");

