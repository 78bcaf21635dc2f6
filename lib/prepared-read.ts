import 'server-only';

import Database from 'libsql';
import pg from 'pg';

import { databaseEngine, resolveDatabaseUrl } from '@/lib/database-url';
import { postgresPool } from '@/lib/db';

/**
 * A read statement prepared once per process and run on the database driver itself, not through Prisma: for the
 * reads on the path of every signed-in SSO and every sign-in step (lib/sso/request-read.ts, the sign-in row, the
 * lockout), where Prisma's per-query work (compiling the query, preparing the statement again, mapping the rows)
 * costs more than the query, about as much as an RSA signature, and lets a flood of guesses hold the CPU.
 * Everything else uses Prisma (lib/db.ts).
 *
 * `sql` numbers its parameters PostgreSQL's way ($1, $2 …). The columns named in `types` come back as Prisma gives
 * them, whatever the engine: booleans (SQLite stores 0/1) and Dates (SQLite stores text); the others as they are.
 */
export type PreparedRead = { run(...params: string[]): Promise<Record<string, unknown> | undefined> };

export type ColumnTypes = { booleans?: readonly string[]; dates?: readonly string[] };

const toBoolean = (value: unknown) => value === true || value === 1 || value === 1n;
const toDate = (value: unknown) =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string | number);

function typed(row: Record<string, unknown> | undefined, types: ColumnTypes) {
  if (!row) return undefined;
  for (const column of types.booleans ?? []) row[column] = toBoolean(row[column]);
  for (const column of types.dates ?? []) row[column] = toDate(row[column]);
  return row;
}

/** SQLite: its own connection, next to Prisma's (a file database takes any number). */
let sqlite: Database.Database | null = null;

/** The file of a libsql URL as @libsql/client reads it: file:relative/path, file:/absolute, file:///absolute. */
export function sqliteFileOf(url: string): string {
  const file = url.replace(/^file:/, '').replace(/^\/\/(?=\/)/, '');
  return decodeURIComponent(file.split('?')[0] ?? file);
}

function openSqlite(): Database.Database {
  if (!sqlite) {
    sqlite = new Database(sqliteFileOf(resolveDatabaseUrl()));
    // A writer on another connection may hold the file for a moment: wait for it, as Prisma's connections do.
    sqlite.exec('PRAGMA busy_timeout = 5000');
  }
  return sqlite;
}

// Prisma's DateTime is a PostgreSQL timestamp without time zone, in UTC; pg would read it in the server's zone.
const TIMESTAMP = 1114;
const utcTimestamps = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format),
} as pg.CustomTypesConfig;

export function preparedRead(name: string, sql: string, types: ColumnTypes = {}): PreparedRead {
  if (databaseEngine() === 'postgresql') {
    const pool = postgresPool;
    if (!pool) throw new Error('no PostgreSQL pool');
    // A named query: each connection of the pool prepares it on its first use, then only binds and runs it.
    return { run: async (...values) => typed((await pool.query({ name, text: sql, values, types: utcTimestamps })).rows[0], types) };
  }
  let prepared: { statement: Database.Statement; columns: string[] } | null = null;
  return {
    run: async (...values) => {
      if (!prepared) {
        // Rows as arrays, named here: libsql builds an object property by property, at several times the cost.
        const statement = openSqlite()
          .prepare(sql.replace(/\$(\d+)/g, '?$1'))
          .raw();
        prepared = { statement, columns: statement.columns().map((column) => column.name) };
      }
      const cells = prepared.statement.get(...values) as unknown[] | undefined;
      if (!cells) return undefined;
      const row: Record<string, unknown> = {};
      prepared.columns.forEach((column, i) => (row[column] = cells[i]));
      return typed(row, types);
    },
  };
}
