#!/usr/bin/env node
// `npm run migration:new -- <name>`: after a change to prisma/schema.prisma, writes the migration of each engine that
// needs one: prisma/migrations/<stamp>_<name>/ (SQLite) and prisma/postgresql/migrations/<stamp>_<name>/
// (PostgreSQL). For each engine it applies the existing migrations to a throwaway database (a temp SQLite file; a
// throwaway PostgreSQL cluster it starts and stops itself), reads that database back as a Prisma schema
// (`prisma db pull`), and has Prisma diff it against the schema. An engine whose migrations already match the schema
// gets nothing (e.g. a branch brought its SQLite migration: only the PostgreSQL one is written). Review what it
// writes: a NOT NULL column without a default on a table with rows needs add-nullable, backfill, set-not-null.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { bin, root, run } from './lib.mjs';
import { HAND_WRITTEN_INDEXES, MIGRATIONS, migrateDatabase } from './migrate.mjs';
import { startPostgres } from './postgres.mjs';

const ENGINES = {
  sqlite: { schema: path.join('prisma', 'schema.prisma'), config: [] },
  postgresql: {
    schema: path.join('prisma', 'postgresql', 'schema.prisma'),
    config: ['--config', path.join('prisma', 'postgresql', 'prisma.config.ts')],
  },
};

const prisma = (engine, args, databaseUrl) =>
  execFileSync(bin('prisma'), [...args, ...ENGINES[engine].config], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });

/** Prisma's script without what must not be in ours: drops of the hand-written indexes, PostgreSQL's CREATE SCHEMA. */
export function cleanScript(script) {
  const dropped = new Set(HAND_WRITTEN_INDEXES.map((name) => `DROP INDEX "${name}";`));
  const statements = script
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block && !block.startsWith('-- This is an empty migration'))
    .filter(
      (block) => !block.split('\n').some((line) => dropped.has(line.trim()) || line.trim() === 'CREATE SCHEMA IF NOT EXISTS "public";'),
    );
  return statements.length === 0 ? '' : `${statements.join('\n\n')}\n`;
}

/** The SQL that takes a database built by `engine`'s migrations to prisma/schema.prisma ('' when none is needed). */
async function pendingChange(engine, databaseUrl) {
  await migrateDatabase(databaseUrl, { log: () => undefined });
  const dir = mkdtempSync(path.join(tmpdir(), 'realmgate-migration-'));
  const migrated = path.join(dir, 'migrated.prisma');
  writeFileSync(migrated, prisma(engine, ['db', 'pull', '--print'], databaseUrl).replace(/^[\s\S]*?(?=generator client)/, ''));
  return cleanScript(
    prisma(
      engine,
      ['migrate', 'diff', '--from-schema-datamodel', migrated, '--to-schema-datamodel', ENGINES[engine].schema, '--script'],
      databaseUrl,
    ),
  );
}

/** Now as YYYYMMDDHHMMSS, or one second after the newest existing migration of either engine, so the new one sorts last. */
function stamp(now = new Date()) {
  const existing = Object.values(MIGRATIONS).flatMap((dir) => readdirSync(dir).filter((name) => /^\d{14}_/.test(name)));
  const newest = Math.max(0, ...existing.map((name) => Number(name.slice(0, 14))));
  const current = Number(now.toISOString().replace(/\D/g, '').slice(0, 14));
  return String(Math.max(current, newest + 1));
}

async function main() {
  const name = process.argv[2] ?? '';
  if (!/^[a-z0-9]+(_[a-z0-9]+)*$/.test(name)) {
    console.error('Usage: npm run migration:new -- <name> (lower case, words joined by _, e.g. sign_in_transactions)');
    process.exit(1);
  }
  run(process.execPath, [path.join(root, 'scripts', 'postgres-schema.mjs')]);
  const scripts = {
    sqlite: await pendingChange('sqlite', `file:${path.join(mkdtempSync(path.join(tmpdir(), 'realmgate-migration-')), 'x.db')}`),
  };
  const cluster = await startPostgres();
  try {
    scripts.postgresql = await pendingChange('postgresql', cluster.url);
  } finally {
    cluster.stop();
  }
  const folder = `${stamp()}_${name}`;
  for (const [engine, script] of Object.entries(scripts)) {
    if (!script) {
      console.log(`${engine}: the migrations already match prisma/schema.prisma.`);
      continue;
    }
    const file = path.join(MIGRATIONS[engine], folder, 'migration.sql');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, script);
    console.log(`${engine}: wrote ${path.relative(root, file)}; review it before you commit.`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) await main();
