import { sandboxIconUrl } from "@/lib/rooms/sandbox/icons";
import { findSampleStep, SANDBOX_FLOWS, type SampleApp } from "@/lib/rooms/sandbox/sample-deployment";
import { isSelfAppStep } from "@/lib/rooms/sandbox/self-app";
import type { SavedIntegration } from "@/lib/rooms/sandbox/store";

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

function accountId(userId: string, app: SampleApp): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`${userId}\n${app.id}`)) hash = Math.imul(hash ^ byte, 0x01000193);
  return 100_000 + ((hash >>> 0) % 900_000);
}

function usesApp(integration: SavedIntegration, app: SampleApp): boolean {
  return integration.steps.some((step) => findSampleStep(step.templateStepId)?.app.id === app.id);
}

// Connected while a saved integration uses the app: derived from the one store, the embed and REST API never disagree.
export function sandboxAppJson(app: SampleApp, userId: string, saved: readonly SavedIntegration[]) {
  const connectedAt = saved
    .filter((integration) => usesApp(integration, app))
    .map((integration) => integration.createdAt)
    .sort()[0];
  const account = {
    id: accountId(userId, app),
    display_name: `${app.name} account of ${userId.slice(0, 64)}`,
    modified_at: connectedAt,
  };
  return {
    id: app.id,
    name: sandboxAppName(app),
    title: app.name,
    icon_url: sandboxIconUrl(app.icon),
    docs_url: "",
    login_url: "",
    allow_multiple_connected_accounts: false,
    connected_accounts: connectedAt === undefined ? [] : [account],
  };
}
