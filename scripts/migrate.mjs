// Applies the pending migrations of the database DATABASE_URL names, before the app starts (scripts/start.mjs, dev,
// the tests). SQLite runs prisma/migrations, PostgreSQL prisma/postgresql/migrations; both are recorded in Prisma's
// `_prisma_migrations` table, as `prisma migrate deploy` records them (so `prisma migrate status` agrees), but with no
// Prisma CLI at run time. Each migration and its record commit in one transaction: a failed one leaves nothing
// behind. Instances starting together take turns: PostgreSQL's advisory lock (Prisma's own key), SQLite's write lock.
// DESIGN "PostgreSQL" says why this is not `prisma migrate deploy`.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { createClient } from '@libsql/client';
import pg from 'pg';

import { protectDatabase, resolveDatabaseUrl, root } from './lib.mjs';

export const MIGRATIONS = Object.freeze({
  sqlite: path.join(root, 'prisma', 'migrations'),
  postgresql: path.join(root, 'prisma', 'postgresql', 'migrations'),
});

/**
 * Indexes the Prisma schema cannot express, written by hand into the migrations of both engines: the migrations
 * test expects them on top of the schema, and `npm run migration:new` keeps Prisma's diff from dropping them.
 */
export const HAND_WRITTEN_INDEXES = Object.freeze(['Certificate_single_default']);

/** The key `prisma migrate` locks with, so that the CLI and this migrator never run at once either. */
export const ADVISORY_LOCK_KEY = 72707369;

/** 'postgresql' for a postgres:// or postgresql:// URL, else 'sqlite' (a libsql file: URL). */
export function engineOf(url) {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite';
}

/** The migrations of an engine in the order they apply: folder name, SQL and Prisma's checksum (SHA-256 hex). */
export function listMigrations(engine) {
  const dir = MIGRATIONS[engine];
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((entry) => /^\d/.test(entry))
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const TABLE = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
    "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};
const APPLIED = 'SELECT "migration_name", "checksum", "finished_at" FROM "_prisma_migrations" WHERE "rolled_back_at" IS NULL';

/** Which migrations are still to apply; refuses a history with a migration that failed half-way (under the CLI). */
function pending(migrations, appliedRows, log) {
  const applied = new Map(appliedRows.map((row) => [row.migration_name, row]));
  for (const [name, row] of applied) {
    if (!row.finished_at) {
      throw new Error(`Migration ${name} failed earlier and is not finished: fix the database, then mark it (prisma migrate resolve).`);
    }
    const file = migrations.find((migration) => migration.name === name);
    if (file && file.checksum !== row.checksum) log(`Warning: migration ${name} was changed after it was applied.`);
  }
  return migrations.filter((migration) => !applied.has(migration.name));
}

async function migrateSqlite(url, log) {
  const client = createClient({ url });
  try {
    // Prisma's SQLite migrations redefine tables; its scripts turn foreign keys off for that, but PRAGMA is ignored
    // inside a transaction, so it is done here, before.
    await client.execute('PRAGMA foreign_keys=OFF');
    // Another process migrating holds the write lock: wait for it rather than fail.
    await client.execute('PRAGMA busy_timeout=30000');
    await client.execute(TABLE.sqlite);
    const done = [];
    for (const migration of listMigrations('sqlite')) {
      // BEGIN IMMEDIATE: the write lock; another process waits, then finds the migration applied.
      const tx = await client.transaction('write');
      try {
        const [todo] = pending([migration], (await tx.execute(APPLIED)).rows, log);
        if (todo) {
          const startedAt = new Date().toISOString();
          await tx.executeMultiple(todo.sql);
          await tx.execute({
            sql: 'INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count") VALUES (?, ?, ?, ?, ?, 1)',
            args: [randomUUID(), todo.checksum, todo.name, startedAt, new Date().toISOString()],
          });
          done.push(todo.name);
        }
        await tx.commit();
      } finally {
        tx.close();
      }
    }
    return done;
  } finally {
    client.close();
  }
}

async function migratePostgres(url, log) {
  // A direct connection: a session advisory lock does not survive PgBouncer's transaction pooling.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    await client.query(TABLE.postgresql);
    const todo = pending(listMigrations('postgresql'), (await client.query(APPLIED)).rows, log);
    for (const migration of todo) {
      await client.query('BEGIN');
      try {
        const startedAt = new Date();
        await client.query(migration.sql);
        await client.query(
          'INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count") VALUES ($1, $2, $3, $4, now(), 1)',
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${migration.name} failed: ${error.message}`, { cause: error });
      }
    }
    return todo.map((migration) => migration.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** Applies what is pending; returns the names it applied (none when another instance got there first). */
export async function migrateDatabase(url, { log = console.log } = {}) {
  const applied = engineOf(url) === 'postgresql' ? await migratePostgres(url, log) : await migrateSqlite(url, log);
  for (const name of applied) log(`Applied migration ${name}`);
  return applied;
}

// `npm run migrate`. No top-level await: the e2e tests load this module with require().
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  protectDatabase(resolveDatabaseUrl());
  migrateDatabase(resolveDatabaseUrl()).catch((error) => {
    console.error(`The database could not be migrated: ${error.message}`);
    process.exit(1);
  });
}
