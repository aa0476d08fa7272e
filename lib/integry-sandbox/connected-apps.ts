import { sandboxIconUrl } from "@/lib/integry-sandbox/icons";
import { findSampleStep, SANDBOX_FLOWS, type SampleApp } from "@/lib/integry-sandbox/sample-deployment";
import { isSelfAppStep } from "@/lib/integry-sandbox/self-app";
import type { SavedIntegration } from "@/lib/integry-sandbox/store";

/**
 * The apps the sample flows' steps use, once each in flow order: the sandbox's app catalogue. The
 * customer's own app is not in it: the API key in the SDK's `user` authorises it, not an account.
 */
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

/** FNV-1a: a stable, made-up account ID per identity and app. */
function accountId(userId: string, app: SampleApp): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`${userId}\n${app.id}`)) hash = Math.imul(hash ^ byte, 0x01000193);
  return 100_000 + ((hash >>> 0) % 900_000);
}

function usesApp(integration: SavedIntegration, app: SampleApp): boolean {
  return integration.steps.some((step) => findSampleStep(step.templateStepId)?.app.id === app.id);
}

/**
 * An app as Integry's REST API shows it to one identity. The sample steps need no sign-in, so
 * the sandbox's rule: an app is connected while a saved integration of the identity has a step
 * on it, with one account connected when the first such integration was saved. Integry itself
 * keeps an account after its integrations are deleted; the sandbox derives everything from its
 * one store, so the embed and the REST API can never disagree.
 */
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
