import {
  buildSavedSteps,
  DEFAULT_SANDBOX_STORE_LIMITS,
  type SandboxStore,
  type SandboxStoreLimits,
  type SavedIntegration,
} from "@/lib/optional/sandbox/store";

/** The sandbox's state in this process's memory: lost on restart, and not shared with another instance. */
export function createMemorySandboxStore(limits: SandboxStoreLimits = DEFAULT_SANDBOX_STORE_LIMITS): SandboxStore {
  const byIdentity = new Map<string, Map<number, SavedIntegration>>();
  let lastId = 5000;
  const nextId = () => ++lastId;

  // Map order is recency: a touched identity moves to the end, the first one is evicted.
  function touch(userId: string): Map<number, SavedIntegration> | undefined {
    const integrations = byIdentity.get(userId);
    if (integrations) {
      byIdentity.delete(userId);
      byIdentity.set(userId, integrations);
    }
    return integrations;
  }

  function ensure(userId: string): Map<number, SavedIntegration> {
    const existing = touch(userId);
    if (existing) return existing;
    const created = new Map<number, SavedIntegration>();
    byIdentity.set(userId, created);
    for (const oldest of byIdentity.keys()) {
      if (byIdentity.size <= limits.maxIdentities) break;
      byIdentity.delete(oldest);
    }
    return created;
  }

  return {
    async list(userId) {
      return [...(touch(userId)?.values() ?? [])];
    },
    async get(userId, id) {
      return touch(userId)?.get(id);
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
      const existing = touch(userId)?.get(id);
      if (!existing) return undefined;
      const steps = buildSavedSteps(draft, existing.steps, nextId);
      return Object.assign(existing, { name: draft.name, status: draft.status, steps });
    },
    async patch(userId, id, change) {
      const existing = touch(userId)?.get(id);
      return existing && Object.assign(existing, change);
    },
    async delete(userId, id) {
      return touch(userId)?.delete(id) ?? false;
    },
  };
}
