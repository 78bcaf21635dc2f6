#!/usr/bin/env node
// `npm start`: migrate the embedded database, build if the sources changed, serve on PORT (default 3000) with
// scripts/server.mjs.
import path from 'node:path';

import { DEFAULT_DATABASE_URL, buildIfChanged, ensurePrismaClient, migrate, protectDatabase, root, serve } from './lib.mjs';

const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL || DEFAULT_DATABASE_URL, NODE_ENV: 'production' };
const port = process.env.PORT || '3000';
// Admin sign-in is not built yet: listen on this machine only unless HOST opens it up on purpose.
const host = process.env.HOST || '127.0.0.1';

protectDatabase(env.DATABASE_URL);
ensurePrismaClient(env);
migrate(env);

buildIfChanged(env);

console.log(`Realmgate console: http://localhost:${port}/realms`);
serve(process.execPath, [path.join(root, 'scripts', 'server.mjs')], { env: { ...env, PORT: port, HOST: host } });
