export type IntegrationStatus = "ACTIVE" | "INACTIVE";

export interface SavedField {
  id: number;
  templateFieldId: number;
  value: string;
}

export interface SavedStep {
  id: number;
  templateStepId: number;
  fields: SavedField[];
}

export interface SavedIntegration {
  id: number;
  flowId: number;
  name: string;
  status: IntegrationStatus;
  createdAt: string;
  steps: SavedStep[];
}

export interface IntegrationDraft {
  flowId: number;
  name: string;
  status: IntegrationStatus;
  values: ReadonlyMap<number, ReadonlyMap<number, string>>;
}

export interface SandboxStoreLimits {
  maxIdentities: number;
  maxIntegrationsPerIdentity: number;
}

// The sandbox's default secret is public, so anyone can mint valid hashes for endless user IDs:
// memory stays bounded by evicting the least recently used identity.
const DEFAULT_LIMITS: SandboxStoreLimits = { maxIdentities: 500, maxIntegrationsPerIdentity: 25 };

export type SandboxStore = ReturnType<typeof createSandboxStore>;

export function createSandboxStore(limits: SandboxStoreLimits = DEFAULT_LIMITS) {
  const byIdentity = new Map<string, Map<number, SavedIntegration>>();
  let lastId = 5000;

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

  function buildSteps(draft: IntegrationDraft, previous: SavedStep[]): SavedStep[] {
    return [...draft.values].map(([templateStepId, values]) => {
      const before = previous.find((step) => step.templateStepId === templateStepId);
      const fields = [...values].map(([templateFieldId, value]) => ({
        id: before?.fields.find((saved) => saved.templateFieldId === templateFieldId)?.id ?? ++lastId,
        templateFieldId,
        value,
      }));
      return { id: before?.id ?? ++lastId, templateStepId, fields };
    });
  }

  return {
    list(userId: string): SavedIntegration[] {
      return [...(touch(userId)?.values() ?? [])];
    },
    get(userId: string, id: number): SavedIntegration | undefined {
      return touch(userId)?.get(id);
    },
    create(userId: string, draft: IntegrationDraft): SavedIntegration | undefined {
      const integrations = ensure(userId);
      if (integrations.size >= limits.maxIntegrationsPerIdentity) return undefined;
      const { flowId, name, status } = draft;
      const id = ++lastId;
      const integration = {
        id,
        flowId,
        name,
        status,
        createdAt: new Date().toISOString(),
        steps: buildSteps(draft, []),
      };
      integrations.set(id, integration);
      return integration;
    },
    update(userId: string, id: number, draft: IntegrationDraft): SavedIntegration | undefined {
      const existing = touch(userId)?.get(id);
      if (!existing) return undefined;
      Object.assign(existing, { name: draft.name, status: draft.status, steps: buildSteps(draft, existing.steps) });
      return existing;
    },
    patch(userId: string, id: number, change: Partial<Pick<SavedIntegration, "name" | "status">>) {
      const existing = touch(userId)?.get(id);
      if (existing) Object.assign(existing, change);
      return existing;
    },
    delete(userId: string, id: number): boolean {
      return touch(userId)?.delete(id) ?? false;
    },
  };
}
