#!/usr/bin/env node
// `npm start`: migrate the embedded database, build if the sources changed, serve on PORT (default 3000) with
// scripts/server.mjs.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { DEFAULT_DATABASE_URL, bin, ensurePrismaClient, migrate, protectDatabase, root, run, serve } from './lib.mjs';

const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL || DEFAULT_DATABASE_URL, NODE_ENV: 'production' };
const port = process.env.PORT || '3000';
// Admin sign-in is not built yet: listen on this machine only unless HOST opens it up on purpose.
const host = process.env.HOST || '127.0.0.1';

const SOURCES = [
  'app',
  'components',
  'lib',
  'prisma',
  'public',
  'instrumentation.ts',
  'instrumentation-client.ts',
  'next.config.mjs',
  'package-lock.json',
  'postcss.config.mjs',
  'proxy.ts',
  'tsconfig.json',
];
const SKIP = new Set(['generated', 'node_modules']);

/** A fingerprint of every source file: the build is redone only when it changes. */
function sourceHash() {
  const hash = createHash('sha256');
  const visit = (entry) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const child of readdirSync(full).sort()) if (!SKIP.has(child)) visit(path.join(entry, child));
    } else if (!/\.test\.tsx?$/.test(entry)) {
      hash.update(entry).update(readFileSync(full));
    }
  };
  SOURCES.forEach(visit);
  return hash.digest('hex');
}

protectDatabase(env.DATABASE_URL);
ensurePrismaClient(env);
migrate(env);

const stamp = path.join(root, '.next', 'realmgate-source-hash');
const hash = sourceHash();
if (!existsSync(path.join(root, '.next', 'BUILD_ID')) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
  console.log('Building Realmgate (first start or changed sources)…');
  run(bin('next'), ['build'], { env });
  writeFileSync(stamp, hash);
}

console.log(`Realmgate console: http://localhost:${port}/realms`);
serve(process.execPath, [path.join(root, 'scripts', 'server.mjs')], { env: { ...env, PORT: port, HOST: host } });
