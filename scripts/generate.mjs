#!/usr/bin/env node
// `postinstall`: writes the PostgreSQL copy of the schema, then generates both Prisma clients from it (DESIGN
// "PostgreSQL": a client generated for one provider refuses the other's driver). Runs offline.
import { bin, run } from './lib.mjs';

run(process.execPath, ['scripts/postgres-schema.mjs']);
run(bin('prisma'), ['generate']);
run(bin('prisma'), ['generate', '--config', 'prisma/postgresql/prisma.config.ts']);
