import "server-only";

import { getAppDatabase, hasAppDatabase } from "@/lib/db/client";
import { createMemorySandboxStore } from "@/lib/rooms/sandbox/memory-store";
import { createPostgresSandboxStore } from "@/lib/rooms/sandbox/postgres-store";
import type { SandboxStore } from "@/lib/rooms/sandbox/store";

// Next may load this module once per route bundle: one store per process keeps the embed and REST calls in step.
// A registry, not a cache: dropping the memory store would lose saves.
const processWide = globalThis as { integrySandboxStores?: { database?: SandboxStore; memory?: SandboxStore } };

/**
 * In the app's database, beside the callback URLs the app keeps, so both outlive a restart; in this process's
 * memory only where the app has none (Vercel production without DATABASE_URL), so the sandbox still deploys
 * with no setup. The database opens on the store's first call, not here.
 */
export function processSandboxStore(): SandboxStore {
  const stores = (processWide.integrySandboxStores ??= {});
  // getAppDatabase's one refusal, asked rather than caught: any other failure to open the database must surface.
  if (!hasAppDatabase()) return (stores.memory ??= createMemorySandboxStore());
  return (stores.database ??= createPostgresSandboxStore(getAppDatabase));
}
