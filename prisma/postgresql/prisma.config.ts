import { randomBytes } from 'node:crypto';

import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { parse } from 'pg-connection-string';
import { defineConfig } from 'prisma/config';

/**
 * The Prisma CLI on PostgreSQL (`--config prisma/postgresql/prisma.config.ts`): generating the PostgreSQL client and
 * authoring PostgreSQL migrations (scripts/migration-new.mjs). The app itself migrates with scripts/migrate.mjs.
 */

// prisma generate needs a postgresql:// URL to read, even though it never connects (DESIGN "PostgreSQL").
const url = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgresql://realmgate@127.0.0.1:5432/realmgate';
process.env.DATABASE_URL = url;

// adapter-pg 6.19 cannot read PostgreSQL's internal `name` (OID 19) and `"char"` (OID 18) columns that the CLI's
// introspection queries return (prisma/prisma#27403, fixed in adapter-pg 7): they are text, so report them as text.
const TEXT_OID = 25;
const fixFields = <T>(result: T): T => {
  for (const each of [result].flat() as { fields?: { dataTypeID: number }[] }[]) {
    for (const field of each?.fields ?? []) if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = TEXT_OID;
  }
  return result;
};

type Callback = (error: Error | null, result: unknown) => void;

/** pg's Client, whose every query form (promise, callback) hands back results with those columns as text. */
class TextNameClient extends pg.Client {}
TextNameClient.prototype.query = function query(this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
  const call = pg.Client.prototype.query.bind(this) as (...args: unknown[]) => unknown;
  if (typeof callback === 'function') {
    return call(config, values, (error: Error | null, result: unknown) =>
      (callback as Callback)(error, error ? result : fixFields(result)),
    );
  }
  if (typeof values === 'function') {
    return call(config, (error: Error | null, result: unknown) => (values as Callback)(error, error ? result : fixFields(result)));
  }
  const result = call(config, values) as { then?: unknown } | undefined;
  return typeof result?.then === 'function' ? (result as Promise<unknown>).then(fixFields) : result;
} as pg.Client['query'];

// Host, port, user and database as separate fields, so that the shadow database is the same with another `database`.
const { host, port, user, password, database } = parse(url);
const connection = (name: string | null | undefined) =>
  new PrismaPg({
    host: host ?? undefined,
    port: port ? Number(port) : undefined,
    user,
    password,
    database: name ?? undefined,
    Client: TextNameClient,
  });

/**
 * The shadow database `migrate diff --from-migrations` applies the migrations to: adapter-pg 6.19 drops it while its
 * own pool still holds a connection, which PostgreSQL refuses; this one closes the pool first.
 */
async function connectToShadowDb() {
  const name = `prisma_shadow_${randomBytes(8).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const adapter = await connection(name).connect();
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await admin.query(`DROP DATABASE "${name}"`);
    await admin.end();
  };
  return adapter;
}

// Paths are relative to this file.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  adapter: async () => Object.assign(connection(database), { connectToShadowDb }),
});
