// Types of scripts/postgres.mjs for the TypeScript that imports it (the tests).
export type PostgresCluster = { url: string; port: number; stop(): void };
export function postgresBinDir(env?: NodeJS.ProcessEnv): string | null;
export function freePort(): Promise<number>;
export function startPostgres(): Promise<PostgresCluster>;
export function withDatabase(url: string, database: string): string;
