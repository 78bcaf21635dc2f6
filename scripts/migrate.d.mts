// Types of scripts/migrate.mjs for the TypeScript that imports it (the tests).
export type Engine = 'sqlite' | 'postgresql';
export const MIGRATIONS: Readonly<Record<Engine, string>>;
export const ADVISORY_LOCK_KEY: number;
export const HAND_WRITTEN_INDEXES: readonly string[];
export function engineOf(url: string): Engine;
export function listMigrations(engine: Engine): { name: string; sql: string; checksum: string }[];
export function migrateDatabase(url: string, options?: { log?: (line: string) => void }): Promise<string[]>;
