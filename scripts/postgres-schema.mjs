#!/usr/bin/env node
// Writes prisma/postgresql/schema.prisma: prisma/schema.prisma (the only schema anyone edits) for PostgreSQL. Prisma
// generates one client per provider (DESIGN "PostgreSQL"), so the PostgreSQL client is generated from this copy.
// `--check` fails when the copy is not current (the tests run it).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { root } from './lib.mjs';

export const SCHEMA = path.join(root, 'prisma', 'schema.prisma');
export const POSTGRES_SCHEMA = path.join(root, 'prisma', 'postgresql', 'schema.prisma');

const HEADER = '// Generated from prisma/schema.prisma by scripts/postgres-schema.mjs (npm run schema:postgres): do not edit.\n';

/** The PostgreSQL copy of a schema's text: another provider, and the client generated into lib/generated/prisma-pg. */
export function toPostgresSchema(text) {
  const swapped = text
    .replace(/(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"')
    .replace(/(generator client \{[^}]*output\s*=\s*)"\.\.\/lib\/generated\/prisma"/, '$1"../../lib/generated/prisma-pg"');
  if (!swapped.includes('"postgresql"') || !swapped.includes('prisma-pg')) {
    throw new Error('prisma/schema.prisma: expected provider "sqlite" and output "../lib/generated/prisma" to swap for PostgreSQL');
  }
  return HEADER + swapped;
}

function main() {
  const expected = toPostgresSchema(readFileSync(SCHEMA, 'utf8'));
  const current = existsSync(POSTGRES_SCHEMA) ? readFileSync(POSTGRES_SCHEMA, 'utf8') : null;
  if (process.argv.includes('--check')) {
    if (current === expected) return;
    console.error('prisma/postgresql/schema.prisma is not current: run `npm run schema:postgres` and commit it.');
    process.exit(1);
  }
  if (current === expected) return;
  mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  writeFileSync(POSTGRES_SCHEMA, expected);
  console.log('Wrote prisma/postgresql/schema.prisma');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) main();
