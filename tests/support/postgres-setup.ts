import type { TestProject } from "vitest/node";

import { findPostgresBin, startPostgres } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** The throwaway server the Postgres tests use, or "" when none is installed here (never in CI). */
    postgresUrl: string;
  }
}

/** Vitest's globalSetup: one Postgres server for the whole run, stopped when it ends. */
export default async function setup(project: TestProject) {
  // A developer without Postgres still runs everything else; CI must run the Postgres tests too.
  if (!findPostgresBin() && !process.env.CI) {
    console.warn("Skipping the Postgres tests: no /usr/lib/postgresql/*/bin/initdb (apt-get install -y postgresql).");
    project.provide("postgresUrl", "");
    return;
  }
  const server = await startPostgres();
  project.provide("postgresUrl", server.url);
  return server.stop;
}
