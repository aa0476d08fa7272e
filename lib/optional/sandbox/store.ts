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
// storage stays bounded by evicting the least recently used identity.
export const DEFAULT_SANDBOX_STORE_LIMITS: SandboxStoreLimits = { maxIdentities: 500, maxIntegrationsPerIdentity: 25 };

/**
 * Each user's saved integrations. Reads and writes count as use of an identity; a user who only
 * reads leaves no trace. `create` answers undefined at the per-user cap.
 */
export interface SandboxStore {
  list(userId: string): Promise<SavedIntegration[]>;
  get(userId: string, id: number): Promise<SavedIntegration | undefined>;
  create(userId: string, draft: IntegrationDraft): Promise<SavedIntegration | undefined>;
  update(userId: string, id: number, draft: IntegrationDraft): Promise<SavedIntegration | undefined>;
  patch(
    userId: string,
    id: number,
    change: Partial<Pick<SavedIntegration, "name" | "status">>,
  ): Promise<SavedIntegration | undefined>;
  delete(userId: string, id: number): Promise<boolean>;
}

/** The draft's steps and fields, keeping the IDs of those `previous` already had. */
export function buildSavedSteps(draft: IntegrationDraft, previous: SavedStep[], nextId: () => number): SavedStep[] {
  return [...draft.values].map(([templateStepId, values]) => {
    const before = previous.find((step) => step.templateStepId === templateStepId);
    const fields = [...values].map(([templateFieldId, value]) => ({
      id: before?.fields.find((saved) => saved.templateFieldId === templateFieldId)?.id ?? nextId(),
      templateFieldId,
      value,
    }));
    return { id: before?.id ?? nextId(), templateStepId, fields };
  });
}
