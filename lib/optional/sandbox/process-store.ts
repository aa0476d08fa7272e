import "server-only";

import { processDatabase } from "@/lib/db/client";
import { getDatabaseUrl } from "@/lib/env";
import { createMemorySandboxStore } from "@/lib/optional/sandbox/memory-store";
import { createPostgresSandboxStore } from "@/lib/optional/sandbox/postgres-store";
import type { SandboxStore } from "@/lib/optional/sandbox/store";

// Next may load this module once per route bundle: one store per process keeps the embed and REST calls in step.
// Never evicted: a registry, not a cache, of one store per DATABASE_URL (one in practice); evicting would lose saves.
const processWide = globalThis as { integrySandboxStores?: Map<string, SandboxStore> };

/** In Postgres when DATABASE_URL is set, so every instance of the app answers alike; else in this process's memory. */
export function processSandboxStore(): SandboxStore {
  const url = getDatabaseUrl();
  const stores = (processWide.integrySandboxStores ??= new Map());
  const store =
    stores.get(url ?? "") ??
    (url ? createPostgresSandboxStore(() => processDatabase(url).open()) : createMemorySandboxStore());
  stores.set(url ?? "", store);
  return store;
}
