#!/usr/bin/env node
// `npm run build`: the build every instance runs unchanged (README "Several instances"): a build ID from the sources
// (next.config.mjs) and, with REALMGATE_SECRET_KEY, the server-action key derived from it.
import { buildIfChanged, ensurePrismaClient } from './lib.mjs';

ensurePrismaClient(process.env);
buildIfChanged(process.env);
