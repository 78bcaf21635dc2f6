import 'server-only';

import Database from 'libsql';

import { databaseEngine, resolveDatabaseUrl } from '@/lib/database-url';
import { postgresPool } from '@/lib/db';

/**
 * A read statement prepared once per process and run on the database driver itself, not through Prisma: for the
 * one query on the path of every signed-in SSO (lib/sso/request-read.ts), where Prisma's per-query work (compiling
 * the query, preparing the statement again, mapping the rows) costs more than the query and about as much as the
 * RSA signature the request is for. Everything else uses Prisma (lib/db.ts).
 *
 * `sql` numbers its parameters PostgreSQL's way ($1, $2 …). Values come back as each driver gives them: SQLite's
 * storage types (0/1, numbers or text for times), PostgreSQL's booleans and Dates.
 */
export type PreparedRead = { run(...params: string[]): Promise<Record<string, unknown> | undefined> };

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

export function preparedRead(name: string, sql: string): PreparedRead {
  if (databaseEngine() === 'postgresql') {
    const pool = postgresPool;
    if (!pool) throw new Error('no PostgreSQL pool');
    // A named query: each connection of the pool prepares it on its first use, then only binds and runs it.
    return { run: async (...values) => (await pool.query({ name, text: sql, values })).rows[0] as Record<string, unknown> | undefined };
  }
  let statement: Database.Statement | null = null;
  return {
    run: async (...values) => {
      statement ??= openSqlite().prepare(sql.replace(/\$(\d+)/g, '?$1'));
      return statement.get(...values) as Record<string, unknown> | undefined;
    },
  };
}
