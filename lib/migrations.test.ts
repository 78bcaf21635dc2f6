import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { type Client, createClient } from '@libsql/client';
import { expect, test } from 'vitest';

/**
 * The migrations build the database prisma/schema.prisma describes: a migration written against an older schema
 * (two branches each adding to one table, say) would otherwise drop a column nobody notices until it is used.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const MIGRATIONS = path.join(ROOT, 'prisma', 'migrations');

async function tableShapes(client: Client): Promise<Record<string, unknown>> {
  const tables = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
  );
  const shapes: Record<string, unknown> = {};
  for (const { name } of tables.rows) {
    const columns = await client.execute(`PRAGMA table_info("${String(name)}")`);
    const indexes = await client.execute(`PRAGMA index_list("${String(name)}")`);
    shapes[String(name)] = {
      columns: columns.rows.map(({ name: column, type, notnull, dflt_value, pk }) => ({ column, type, notnull, dflt_value, pk })),
      indexes: indexes.rows
        .map(({ name: index, unique }) => ({ index, unique }))
        .sort((a, b) => String(a.index).localeCompare(String(b.index))),
    };
  }
  return shapes;
}

test('applying every migration gives the tables and indexes of the schema', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'realmgate-migrations-'));
  const fromSchema = createClient({ url: `file:${path.join(dir, 'schema.db')}` });
  const fromMigrations = createClient({ url: `file:${path.join(dir, 'migrations.db')}` });
  try {
    const script = execFileSync(
      path.join(ROOT, 'node_modules', '.bin', 'prisma'),
      ['migrate', 'diff', '--from-empty', '--to-schema-datamodel', path.join('prisma', 'schema.prisma'), '--script'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: `file:${path.join(dir, 'cli.db')}` } },
    );
    await fromSchema.executeMultiple(script);
    for (const name of readdirSync(MIGRATIONS)
      .filter((entry) => /^\d/.test(entry))
      .sort()) {
      await fromMigrations.executeMultiple(readFileSync(path.join(MIGRATIONS, name, 'migration.sql'), 'utf8'));
    }
    expect(await tableShapes(fromMigrations)).toEqual(await tableShapes(fromSchema));
  } finally {
    fromSchema.close();
    fromMigrations.close();
  }
});
