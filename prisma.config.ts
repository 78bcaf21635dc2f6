import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { PrismaLibSQL } from '@prisma/adapter-libsql';
import { defineConfig } from 'prisma/config';

import { resolveDatabaseUrl } from './lib/database-url';

// The schema reads env("DATABASE_URL"); without a value the CLI falls back to downloading an engine.
process.env.DATABASE_URL = resolveDatabaseUrl();

// Prisma 6.19 with its JavaScript schema engine runs fully offline (DESIGN "Stack recipe").
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: async () =>
    Object.assign(new PrismaLibSQL({ url: resolveDatabaseUrl() }), {
      // `migrate diff --from-migrations` (npm run migration:new) applies the migrations to a shadow database. The
      // adapter's own is `:memory:`, which libsql opens anew for each transaction, so it would forget them: a file.
      connectToShadowDb: () =>
        new PrismaLibSQL({ url: `file:${path.join(mkdtempSync(path.join(tmpdir(), 'realmgate-shadow-')), 'shadow.db')}` }).connect(),
    }),
});
