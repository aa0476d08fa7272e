import { LRUCache } from "lru-cache";

import {
  buildSavedSteps,
  type CallbackFailure,
  DEFAULT_SANDBOX_STORE_LIMITS,
  type SandboxConnectedAccount,
  type SandboxFunctionCall,
  type SandboxRun,
  type SandboxStore,
  type SandboxStoreLimits,
  type SavedIntegration,
} from "@/lib/rooms/sandbox/store";

interface IdentityState {
  integrations: Map<number, SavedIntegration>;
  /** Oldest first. */
  runs: SandboxRun[];
  /** Oldest first. */
  functionCalls: SandboxFunctionCall[];
  /** Key: account ID; oldest first, as IDs only grow. */
  accounts: Map<number, SandboxConnectedAccount>;
}

// Per process, as the rest of this store: a test arms it and spends it through the same instance.
function createFailNextSwitch(): Pick<SandboxStore, "failNextRuns" | "takeRunFailure"> {
  // Key: integration and identity; max 1000, least recent evicted; no TTL: a switch stays armed until spent.
  const left = new LRUCache<string, { remaining: number; failure: CallbackFailure }>({ max: 1000 });
  const key = (userId: string, integrationId: number) => `${integrationId}\n${userId}`;
  return {
    async failNextRuns(userId, integrationId, remaining, failure) {
      left.set(key(userId, integrationId), { remaining, failure });
    },
    async takeRunFailure(userId, integrationId) {
      const armed = left.get(key(userId, integrationId));
      if (!armed || armed.remaining === 0) return undefined;
      left.set(key(userId, integrationId), { ...armed, remaining: armed.remaining - 1 });
      return armed.failure;
    },
  };
}

/** The sandbox's state in this process's memory, where the app has no database: lost on restart, and per instance. */
export function createMemorySandboxStore(overrides: Partial<SandboxStoreLimits> = {}): SandboxStore {
  const limits = { ...DEFAULT_SANDBOX_STORE_LIMITS, ...overrides };
  // Key: identity; max limits.maxIdentities, least recent evicted; no TTL; cannot go stale: it is the only copy.
  const byIdentity = new LRUCache<string, IdentityState>({ max: limits.maxIdentities });
  let lastId = 5000;
  let lastRunId = 0;
  let lastFunctionCallId = 0;
  let lastAccountId = 999_999;
  const nextId = () => ++lastId;
  const integrationsOf = (userId: string) => byIdentity.get(userId)?.integrations;

  function ensure(userId: string): IdentityState {
    const existing = byIdentity.get(userId);
    if (existing) return existing;
    const created: IdentityState = { integrations: new Map(), runs: [], functionCalls: [], accounts: new Map() };
    byIdentity.set(userId, created);
    return created;
  }

  return {
    async list(userId) {
      return [...(integrationsOf(userId)?.values() ?? [])];
    },
    async get(userId, id) {
      return integrationsOf(userId)?.get(id);
    },
    async create(userId, draft) {
      const { integrations } = ensure(userId);
      if (integrations.size >= limits.maxIntegrationsPerIdentity) return undefined;
      const { flowId, name, status } = draft;
      const id = nextId();
      const createdAt = new Date().toISOString();
      const integration = { id, flowId, name, status, createdAt, steps: buildSavedSteps(draft, [], nextId) };
      integrations.set(id, integration);
      return integration;
    },
    async update(userId, id, draft) {
      const existing = integrationsOf(userId)?.get(id);
      if (!existing) return undefined;
      const steps = buildSavedSteps(draft, existing.steps, nextId);
      return Object.assign(existing, { name: draft.name, status: draft.status, steps });
    },
    async patch(userId, id, change) {
      const existing = integrationsOf(userId)?.get(id);
      return existing && Object.assign(existing, change);
    },
    async delete(userId, id) {
      return integrationsOf(userId)?.delete(id) ?? false;
    },
    async recordRun(userId, draft) {
      const identity = byIdentity.get(userId);
      if (!identity) return undefined;
      const earlier = identity.runs.find((run) => run.idempotencyKey === draft.idempotencyKey);
      if (earlier) return { run: earlier, replayed: true };
      const run = { id: ++lastRunId, ...draft, createdAt: new Date().toISOString() };
      identity.runs.push(run);
      // Dropping the oldest run forgets its key too, as in Postgres.
      if (identity.runs.length > limits.maxRunsPerIdentity) identity.runs.shift();
      return { run, replayed: false };
    },
    async listRuns(userId, integrationId, limit) {
      const runs = byIdentity.get(userId)?.runs ?? [];
      const matching = runs.filter((run) => integrationId === undefined || run.integrationId === integrationId);
      return matching.reverse().slice(0, limit);
    },
    async recordFunctionCall(userId, draft) {
      const identity = byIdentity.get(userId);
      if (!identity) return undefined;
      const call = { id: ++lastFunctionCallId, ...draft, createdAt: new Date().toISOString() };
      identity.functionCalls.push(call);
      if (identity.functionCalls.length > limits.maxFunctionCallsPerIdentity) identity.functionCalls.shift();
      return call;
    },
    async listFunctionCalls(userId, limit) {
      return [...(byIdentity.get(userId)?.functionCalls ?? [])].reverse().slice(0, limit);
    },
    async connectAccount(userId, appName, displayName) {
      const { accounts } = ensure(userId);
      if (accounts.size >= limits.maxAccountsPerIdentity) return undefined;
      const account = { id: ++lastAccountId, appName, displayName, createdAt: new Date().toISOString() };
      accounts.set(account.id, account);
      return account;
    },
    async listAccounts(userId) {
      return [...(byIdentity.get(userId)?.accounts.values() ?? [])];
    },
    async removeAccount(userId, id) {
      return byIdentity.get(userId)?.accounts.delete(id) ?? false;
    },
    ...createFailNextSwitch(),
  };
}
