import "server-only";

import type { IntegryConfig } from "@/lib/integry/server/config";
import { sandboxIconUrl } from "@/lib/rooms/sandbox/icons";
import { findSampleStep, SANDBOX_FLOWS, type SampleApp } from "@/lib/rooms/sandbox/sample-deployment";
import { isSelfAppStep } from "@/lib/rooms/sandbox/self-app";
import type { RestApiCaller } from "@/lib/rooms/sandbox/endpoint";
import type { SandboxStore, SavedIntegration } from "@/lib/rooms/sandbox/store";

/** Leaves out the customer's own app: the API key in the SDK's `user` authorises it, not an account. */
export const SANDBOX_APPS: readonly SampleApp[] = [
  ...new Map(
    SANDBOX_FLOWS.flatMap((flow) => flow.steps)
      .filter((step) => !isSelfAppStep(step))
      .map((step) => [step.app.id, step.app]),
  ).values(),
];

// The icon slugs ("slack", "google-sheets") are already Integry-style machine names.
export function sandboxAppName(app: SampleApp): string {
  return app.icon;
}

export function findSandboxApp(name: string): SampleApp | undefined {
  return SANDBOX_APPS.find((app) => sandboxAppName(app) === name);
}

/** An authenticated caller (its hash already checked), with the accounts and saved flows that decide its apps. */
export async function loadCaller(
  store: SandboxStore,
  config: IntegryConfig,
  { userId, hash }: { userId: string; hash: string },
): Promise<RestApiCaller> {
  const [accounts, saved] = await Promise.all([store.listAccounts(userId), store.list(userId)]);
  return { appKey: config.appKey, userId, hash, accounts, saved };
}

function usesApp(integration: SavedIntegration, app: SampleApp): boolean {
  return integration.steps.some((step) => findSampleStep(step.templateStepId)?.app.id === app.id);
}

// Slack users belong to several workspaces: the app that shows the SDK's page of several accounts.
const ALLOWS_SEVERAL_ACCOUNTS: ReadonlySet<string> = new Set(["slack"]);

export const allowsSeveralAccounts = (app: SampleApp) => ALLOWS_SEVERAL_ACCOUNTS.has(sandboxAppName(app));

/** Where the SDK's popup connects an account: the sandbox's own page, standing in for Integry's authorisation. */
export const SANDBOX_CONNECT_PAGE = "/integry-sandbox/connect";

function loginUrl(app: SampleApp, caller: RestApiCaller): string {
  const query = new URLSearchParams({
    app: sandboxAppName(app),
    app_key: caller.appKey,
    hash: caller.hash,
    user_id: caller.userId,
  });
  return `${SANDBOX_CONNECT_PAGE}?${query}`;
}

// The accounts the user connected from the apps view; else, while a saved flow uses the app, the account the flow
// was set up with. Derived from the one store, so the embed, the REST API and the functions never disagree.
function connectedAccounts(app: SampleApp, caller: RestApiCaller) {
  const connected = caller.accounts.filter((account) => account.appName === sandboxAppName(app));
  if (connected.length > 0) {
    return connected.map(({ id, displayName, createdAt }) => ({
      id,
      display_name: displayName,
      modified_at: createdAt,
    }));
  }
  const usedSince = caller.saved
    .filter((integration) => usesApp(integration, app))
    .map((integration) => integration.createdAt)
    .sort()[0];
  if (usedSince === undefined) return [];
  const display_name = `${app.name} account of ${caller.userId.slice(0, 64)}`;
  return [{ id: flowAccountId(caller.userId, app), display_name, modified_at: usedSince }];
}

/** The ID of the account a saved flow uses: fixed per identity and app, below the IDs of connected accounts. */
function flowAccountId(userId: string, app: SampleApp): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`${userId}\n${app.id}`)) hash = Math.imul(hash ^ byte, 0x01000193);
  return 100_000 + ((hash >>> 0) % 900_000);
}

export function sandboxAppJson(app: SampleApp, caller: RestApiCaller) {
  return {
    id: app.id,
    name: sandboxAppName(app),
    title: app.name,
    icon_url: sandboxIconUrl(app.icon),
    docs_url: "",
    login_url: loginUrl(app, caller),
    allow_multiple_connected_accounts: allowsSeveralAccounts(app),
    connected_accounts: connectedAccounts(app, caller),
  };
}
