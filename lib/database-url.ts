/** The embedded SQLite database under data/ unless DATABASE_URL names another (scripts/lib.mjs agrees). */
export const DEFAULT_DATABASE_URL = 'file:data/realmgate.db';

export type DatabaseEngine = 'sqlite' | 'postgresql';

export function resolveDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

/** PostgreSQL for a postgres:// or postgresql:// URL; anything else is a libsql (SQLite) URL. */
export function databaseEngine(env: NodeJS.ProcessEnv = process.env): DatabaseEngine {
  return /^postgres(ql)?:\/\//i.test(resolveDatabaseUrl(env)) ? 'postgresql' : 'sqlite';
}
