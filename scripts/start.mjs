#!/usr/bin/env node
// `npm start`: migrate the database, build if the sources changed (never with REALMGATE_SKIP_BUILD=1), serve on PORT
// (default 3000) with scripts/server.mjs.
import path from 'node:path';

import { migrateDatabase } from './migrate.mjs';
import {
  buildIfChanged,
  ensurePrismaClient,
  hasBuild,
  missingSharedKey,
  nextEnv,
  protectDatabase,
  resolveDatabaseUrl,
  root,
  serve,
} from './lib.mjs';

const env = nextEnv({ ...process.env, DATABASE_URL: resolveDatabaseUrl(), NODE_ENV: 'production' });
const port = process.env.PORT || '3000';
// This machine only, unless HOST opens it up on purpose (behind HTTPS: README).
const host = process.env.HOST || '127.0.0.1';

const fail = (message) => {
  console.error(`Realmgate cannot start: ${message}`);
  process.exit(1);
};

const keyProblem = missingSharedKey(env);
if (keyProblem) fail(keyProblem);
protectDatabase(env.DATABASE_URL);
if (process.env.REALMGATE_SKIP_BUILD === '1') {
  // One build, many instances (Docker): this instance runs the build it was given and never makes its own.
  if (!hasBuild()) fail('REALMGATE_SKIP_BUILD=1 but there is no build in .next/: run `npm run build` first.');
} else {
  ensurePrismaClient(env);
}
try {
  await migrateDatabase(env.DATABASE_URL);
} catch (error) {
  fail(`the database could not be migrated: ${error instanceof Error ? error.message : error}`);
}
if (process.env.REALMGATE_SKIP_BUILD !== '1') buildIfChanged(env);

console.log(`Realmgate console: http://localhost:${port}/realms`);
serve(process.execPath, [path.join(root, 'scripts', 'server.mjs')], { env: { ...env, PORT: port, HOST: host } });
