import pg from 'pg';

/** Creates a database on the cluster `url` reaches (as its superuser), optionally as a copy of `template`. */
export async function createDatabase(url: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // C collation: the order SQLite gives (DESIGN "PostgreSQL").
    const from = template ? ` TEMPLATE "${template}"` : " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'";
    await client.query(`CREATE DATABASE "${name}"${from}`);
  } finally {
    await client.end();
  }
}
