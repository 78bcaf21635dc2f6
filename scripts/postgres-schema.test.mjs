import { readFileSync } from 'node:fs';

import { expect, test } from 'vitest';

import { cleanScript } from './migration-new.mjs';
import { POSTGRES_SCHEMA, SCHEMA, toPostgresSchema } from './postgres-schema.mjs';

test('prisma/postgresql/schema.prisma is the current copy of prisma/schema.prisma (npm run schema:postgres)', () => {
  expect(readFileSync(POSTGRES_SCHEMA, 'utf8')).toBe(toPostgresSchema(readFileSync(SCHEMA, 'utf8')));
});

test('the copy differs only in the provider and where the client goes', () => {
  const copy = toPostgresSchema('generator client {\n  output = "../lib/generated/prisma"\n}\ndatasource db {\n  provider = "sqlite"\n}\n');
  expect(copy).toContain('output = "../../lib/generated/prisma-pg"');
  expect(copy).toContain('provider = "postgresql"');
  expect(() => toPostgresSchema('datasource db {\n  provider = "mysql"\n}\n')).toThrow(/expected provider "sqlite"/);
});

test("a new migration keeps the hand-written indexes and leaves out PostgreSQL's CREATE SCHEMA", () => {
  const script = [
    '-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";',
    '-- DropIndex\nDROP INDEX "Certificate_single_default";',
    '-- AlterTable\nALTER TABLE "DirectoryUser" ADD COLUMN "nickname" TEXT;',
  ].join('\n\n');
  expect(cleanScript(script)).toBe('-- AlterTable\nALTER TABLE "DirectoryUser" ADD COLUMN "nickname" TEXT;\n');
  expect(cleanScript('-- This is an empty migration.')).toBe('');
});
