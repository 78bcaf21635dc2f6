/** The embedded SQLite database under data/ unless DATABASE_URL names another. */
export const DEFAULT_DATABASE_URL = 'file:data/realmgate.db';

export function resolveDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}
