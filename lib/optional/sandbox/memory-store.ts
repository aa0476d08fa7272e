import { LRUCache } from "lru-cache";

import {
  buildSavedSteps,
  DEFAULT_SANDBOX_STORE_LIMITS,
  type SandboxStore,
  type SandboxStoreLimits,
  type SavedIntegration,
} from "@/lib/optional/sandbox/store";

/** The sandbox's state in this process's memory: lost on restart, and not shared with another instance. */
export function createMemorySandboxStore(limits: SandboxStoreLimits = DEFAULT_SANDBOX_STORE_LIMITS): SandboxStore {
  // Key: identity; max limits.maxIdentities, least recent evicted; no TTL; cannot go stale: it is the only copy.
  const byIdentity = new LRUCache<string, Map<number, SavedIntegration>>({ max: limits.maxIdentities });
  let lastId = 5000;
  const nextId = () => ++lastId;

  function ensure(userId: string): Map<number, SavedIntegration> {
    const existing = byIdentity.get(userId);
    if (existing) return existing;
    const created = new Map<number, SavedIntegration>();
    byIdentity.set(userId, created);
    return created;
  }

  return {
    async list(userId) {
      return [...(byIdentity.get(userId)?.values() ?? [])];
    },
    async get(userId, id) {
      return byIdentity.get(userId)?.get(id);
    },
    async create(userId, draft) {
      const integrations = ensure(userId);
      if (integrations.size >= limits.maxIntegrationsPerIdentity) return undefined;
      const { flowId, name, status } = draft;
      const id = nextId();
      const createdAt = new Date().toISOString();
      const integration = { id, flowId, name, status, createdAt, steps: buildSavedSteps(draft, [], nextId) };
      integrations.set(id, integration);
      return integration;
    },
    async update(userId, id, draft) {
      const existing = byIdentity.get(userId)?.get(id);
      if (!existing) return undefined;
      const steps = buildSavedSteps(draft, existing.steps, nextId);
      return Object.assign(existing, { name: draft.name, status: draft.status, steps });
    },
    async patch(userId, id, change) {
      const existing = byIdentity.get(userId)?.get(id);
      return existing && Object.assign(existing, change);
    },
    async delete(userId, id) {
      return byIdentity.get(userId)?.delete(id) ?? false;
    },
  };
}
