#!/usr/bin/env node
// `npm run dev`: migrate the embedded database, then run Next in development mode with hot reload.
import { DEFAULT_DATABASE_URL, bin, ensurePrismaClient, migrate, protectDatabase, serve } from './lib.mjs';

const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL || DEFAULT_DATABASE_URL };
protectDatabase(env.DATABASE_URL);
ensurePrismaClient(env);
migrate(env);
serve(bin('next'), ['dev', '--port', process.env.PORT || '3000'], { env });
