#!/usr/bin/env node
// `npm run dev`: migrate the embedded database, then run Next in development mode with hot reload.
import path from 'node:path';

import { DEFAULT_DATABASE_URL, ensurePrismaClient, migrate, protectDatabase, root, serve } from './lib.mjs';

const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL || DEFAULT_DATABASE_URL };
protectDatabase(env.DATABASE_URL);
ensurePrismaClient(env);
migrate(env);
serve(process.execPath, [path.join(root, 'scripts', 'server.mjs'), '--dev'], { env });
