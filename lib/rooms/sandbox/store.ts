export type IntegrationStatus = "ACTIVE" | "INACTIVE";

/** How the fail-next switch fails a callback: 503, or no answer until the caller gives up. */
export const CALLBACK_FAILURES = ["503", "timeout"] as const;
export type CallbackFailure = (typeof CALLBACK_FAILURES)[number];

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

/** An event the app POSTed to an integration's callback URL: Integry runs the flow once per idempotency key. */
export interface SandboxRun {
  id: number;
  integrationId: number;
  idempotencyKey: string;
  payload: unknown;
  createdAt: string;
}

export type RunDraft = Pick<SandboxRun, "integrationId" | "idempotencyKey" | "payload">;

/** A call of one of the sandbox's Integry Functions, and what it was answered: 200, or a 400 that ran nothing. */
export interface SandboxFunctionCall {
  id: number;
  functionName: string;
  /** As the function took them: `_variables` resolved, `_variables` and `_cursor` left out. */
  arguments: Record<string, unknown>;
  /** Null when the identity had no account of the function's app to call it with. */
  connectedAccountId: number | null;
  status: number;
  response: unknown;
  createdAt: string;
}

export type FunctionCallDraft = Omit<SandboxFunctionCall, "id" | "createdAt">;

/**
 * An account of a sample app the identity connected from the apps view, as Integry lists connected accounts. IDs
 * start at 1,000,000, above the accounts the sandbox derives from saved flows (`app-connections.ts`).
 */
export interface SandboxConnectedAccount {
  id: number;
  /** The app's machine name, as in `/apps/<name>/get/`. */
  appName: string;
  displayName: string;
  createdAt: string;
}

export interface SandboxStoreLimits {
  maxIdentities: number;
  maxIntegrationsPerIdentity: number;
  maxRunsPerIdentity: number;
  maxFunctionCallsPerIdentity: number;
  maxAccountsPerIdentity: number;
}

// The sandbox's default secret is public, so anyone can mint valid hashes for endless user IDs:
// storage stays bounded by evicting the least recently used identity, and each identity's oldest runs and calls.
export const DEFAULT_SANDBOX_STORE_LIMITS: SandboxStoreLimits = {
  maxIdentities: 500,
  maxIntegrationsPerIdentity: 25,
  maxRunsPerIdentity: 200,
  maxFunctionCallsPerIdentity: 200,
  maxAccountsPerIdentity: 20,
};

/**
 * Each user's saved integrations, runs and function calls. Reads and writes count as use of an identity; a user who
 * only reads leaves no trace. `create` answers undefined at the per-user cap; `recordRun` and `recordFunctionCall`
 * for an unknown identity; `recordRun` with a key already used answers that key's run, `replayed`.
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
  recordRun(userId: string, draft: RunDraft): Promise<{ run: SandboxRun; replayed: boolean } | undefined>;
  /** Newest first. */
  listRuns(userId: string, integrationId: number | undefined, limit: number): Promise<SandboxRun[]>;
  /** The fail-next test switch: the integration's next `count` callback POSTs fail so. */
  failNextRuns(userId: string, integrationId: number, count: number, failure: CallbackFailure): Promise<void>;
  /** How this call fails, and one fewer left, while the switch has failures left for the integration. */
  takeRunFailure(userId: string, integrationId: number): Promise<CallbackFailure | undefined>;
  recordFunctionCall(userId: string, draft: FunctionCallDraft): Promise<SandboxFunctionCall | undefined>;
  /** Newest first. */
  listFunctionCalls(userId: string, limit: number): Promise<SandboxFunctionCall[]>;
  /** Undefined at the per-identity cap of accounts. */
  connectAccount(userId: string, appName: string, displayName: string): Promise<SandboxConnectedAccount | undefined>;
  /** Oldest first: the first is the account Integry calls a function with when not told which. */
  listAccounts(userId: string): Promise<SandboxConnectedAccount[]>;
  /** False when the identity has no account with that ID. */
  removeAccount(userId: string, id: number): Promise<boolean>;
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
