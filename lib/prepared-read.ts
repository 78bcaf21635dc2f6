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
export type PreparedRead = {
  /** The first row, if any. */
  run(...params: string[]): Promise<Record<string, unknown> | undefined>;
  /** Every row. */
  all(...params: string[]): Promise<Record<string, unknown>[]>;
};

export type ColumnTypes = { booleans?: readonly string[]; dates?: readonly string[] };

const toBoolean = (value: unknown) => value === true || value === 1 || value === 1n;
const toDate = (value: unknown) =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string | number);

function typed(row: Record<string, unknown>, types: ColumnTypes) {
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
    const rows = async (values: string[]) => (await pool.query({ name, text: sql, values, types: utcTimestamps })).rows;
    return {
      run: async (...values) => {
        const [row] = await rows(values);
        return row && typed(row, types);
      },
      all: async (...values) => (await rows(values)).map((row) => typed(row, types)),
    };
  }
  let prepared: { statement: Database.Statement; columns: string[] } | null = null;
  const statement = () => {
    if (!prepared) {
      // Rows as arrays, named here: libsql builds an object property by property, at several times the cost.
      const raw = openSqlite()
        .prepare(sql.replace(/\$(\d+)/g, '?$1'))
        .raw();
      prepared = { statement: raw, columns: raw.columns().map((column) => column.name) };
    }
    return prepared;
  };
  const toRow = (columns: string[], cells: unknown[]) => {
    const row: Record<string, unknown> = {};
    columns.forEach((column, i) => (row[column] = cells[i]));
    return typed(row, types);
  };
  return {
    run: async (...values) => {
      const { statement: read, columns } = statement();
      const cells = read.get(...values) as unknown[] | undefined;
      return cells && toRow(columns, cells);
    },
    all: async (...values) => {
      const { statement: read, columns } = statement();
      return (read.all(...values) as unknown[][]).map((cells) => toRow(columns, cells));
    },
  };
}
