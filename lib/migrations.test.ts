import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createClient } from '@libsql/client';
import pg from 'pg';
import { expect, inject, test } from 'vitest';

import { databaseEngine } from '@/lib/database-url';
import { HAND_WRITTEN_INDEXES, listMigrations, migrateDatabase } from '@/scripts/migrate.mjs';
import { withDatabase } from '@/scripts/postgres.mjs';
import { createDatabase } from '@/test/postgres';

/**
 * The migrations build the database prisma/schema.prisma describes, on the engine this test project runs: a migration
 * written against an older schema (two branches each adding to one table, say) would otherwise drop a column nobody
 * notices until it is used. The indexes the schema cannot express (HAND_WRITTEN_INDEXES) come on top.
 */
const ROOT = path.resolve(import.meta.dirname, '..');

type Shapes = { tables: Record<string, unknown>; handWritten: string[] };

/** The SQL that builds the schema from nothing, as Prisma writes it for this engine. */
function schemaScript(databaseUrl: string): string {
  const postgres = databaseEngine() === 'postgresql';
  const schema = postgres ? path.join('prisma', 'postgresql', 'schema.prisma') : path.join('prisma', 'schema.prisma');
  const config = postgres ? ['--config', path.join('prisma', 'postgresql', 'prisma.config.ts')] : [];
  return execFileSync(
    path.join(ROOT, 'node_modules', '.bin', 'prisma'),
    ['migrate', 'diff', ...config, '--from-empty', '--to-schema-datamodel', schema, '--script'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: databaseUrl } },
  );
}

const split = (indexes: { index: string }[]) => ({
  kept: indexes.filter((entry) => !HAND_WRITTEN_INDEXES.includes(entry.index)),
  handWritten: indexes.filter((entry) => HAND_WRITTEN_INDEXES.includes(entry.index)).map((entry) => entry.index),
});

async function sqliteShapes(url: string): Promise<Shapes> {
  const client = createClient({ url });
  try {
    const tables = await client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
    );
    const shapes: Shapes = { tables: {}, handWritten: [] };
    for (const { name } of tables.rows) {
      const columns = await client.execute(`PRAGMA table_info("${String(name)}")`);
      const indexes = await client.execute(`PRAGMA index_list("${String(name)}")`);
      const { kept, handWritten } = split(indexes.rows.map(({ name: index, unique }) => ({ index: String(index), unique })));
      shapes.handWritten.push(...handWritten);
      shapes.tables[String(name)] = {
        columns: columns.rows.map(({ name: column, type, notnull, dflt_value, pk }) => ({ column, type, notnull, dflt_value, pk })),
        indexes: kept.sort((a, b) => a.index.localeCompare(b.index)),
      };
    }
    return shapes;
  } finally {
    client.close();
  }
}

async function postgresShapes(url: string): Promise<Shapes> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: columns } = await client.query(`
      SELECT table_name, column_name, data_type, is_nullable, column_default, datetime_precision FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`);
    const { rows: indexes } = await client.query(`
      SELECT indexname AS index, indexdef FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY indexname`);
    const { rows: constraints } = await client.query(`
      SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
      WHERE connamespace = current_schema()::regnamespace AND conrelid::regclass::text <> '"_prisma_migrations"' AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY conname`);
    const { kept, handWritten } = split(indexes);
    return { tables: { columns, indexes: kept, constraints }, handWritten };
  } finally {
    await client.end();
  }
}

/** Two empty databases of this engine: one for the schema's script, one for the migrations. */
async function emptyDatabases(): Promise<[string, string]> {
  if (databaseEngine() === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'realmgate-migrations-'));
    return [`file:${path.join(dir, 'schema.db')}`, `file:${path.join(dir, 'migrations.db')}`];
  }
  const cluster = inject('postgresUrl');
  const names = [`schema_${randomBytes(6).toString('hex')}`, `migrations_${randomBytes(6).toString('hex')}`];
  for (const name of names) await createDatabase(cluster, name);
  return [withDatabase(cluster, names[0] ?? ''), withDatabase(cluster, names[1] ?? '')];
}

async function applyScript(url: string, script: string): Promise<void> {
  if (databaseEngine() === 'sqlite') {
    const client = createClient({ url });
    await client.executeMultiple(script).finally(() => client.close());
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(script).finally(() => client.end());
}

test('applying every migration gives the tables and indexes of the schema, and the hand-written ones', { timeout: 90_000 }, async () => {
  const [fromSchema, fromMigrations] = await emptyDatabases();
  await applyScript(fromSchema, schemaScript(fromSchema));
  await migrateDatabase(fromMigrations, { log: () => undefined });
  const shapes = databaseEngine() === 'sqlite' ? sqliteShapes : postgresShapes;

  const [expected, actual] = [await shapes(fromSchema), await shapes(fromMigrations)];

  expect(actual.tables).toEqual(expected.tables);
  expect(expected.handWritten).toEqual([]);
  expect(actual.handWritten.sort()).toEqual([...HAND_WRITTEN_INDEXES].sort());
});

/** `npm run migrate` in its own process, as each instance's `npm start` runs it; resolves to what it printed. */
const migrateInProcess = (databaseUrl: string) =>
  new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [path.join(ROOT, 'scripts', 'migrate.mjs')],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    ),
  );

test('three instances migrating an empty database at once: every migration is applied once', { timeout: 90_000 }, async () => {
  const [, url] = await emptyDatabases();
  const outputs = await Promise.all([1, 2, 3].map(() => migrateInProcess(url)));
  const applied = outputs.flatMap((output) => output.match(/^Applied migration \S+/gm) ?? []).sort();
  const names = listMigrations(databaseEngine()).map((migration) => migration.name);
  expect(applied).toEqual(names.map((name) => `Applied migration ${name}`).sort());
  expect(await migrateDatabase(url, { log: () => undefined })).toEqual([]);
});
