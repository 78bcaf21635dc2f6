import type { TestProject } from 'vitest/node';

import { migrateDatabase } from '../scripts/migrate.mjs';
import { startPostgres, withDatabase } from '../scripts/postgres.mjs';
import { createDatabase } from './postgres';

/**
 * The `postgresql` test project: one throwaway PostgreSQL cluster for the run, with a migrated template database;
 * test/setup.ts copies the template into a fresh database for every test file (CREATE DATABASE … TEMPLATE).
 */
export const TEMPLATE_DATABASE = 'realmgate_template';

export default async function setup(project: TestProject) {
  const cluster = await startPostgres();
  try {
    await createDatabase(cluster.url, TEMPLATE_DATABASE);
    await migrateDatabase(withDatabase(cluster.url, TEMPLATE_DATABASE), { log: () => undefined });
  } catch (error) {
    cluster.stop();
    throw error;
  }
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
