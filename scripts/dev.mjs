#!/usr/bin/env node
// `npm run dev`: migrate the database, then run Next in development mode with hot reload.
import path from 'node:path';

import { migrateDatabase } from './migrate.mjs';
import { ensurePrismaClient, missingSharedKey, nextEnv, protectDatabase, resolveDatabaseUrl, root, serve } from './lib.mjs';

const env = nextEnv({ ...process.env, DATABASE_URL: resolveDatabaseUrl() });
const keyProblem = missingSharedKey(env);
if (keyProblem) {
  console.error(`Realmgate cannot start: ${keyProblem}`);
  process.exit(1);
}
protectDatabase(env.DATABASE_URL);
ensurePrismaClient(env);
await migrateDatabase(env.DATABASE_URL);
serve(process.execPath, [path.join(root, 'scripts', 'server.mjs'), '--dev'], { env });
