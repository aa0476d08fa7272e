import "server-only";

import { Suspense } from "react";

import type { SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { IntegryApiError, type IntegryApp } from "@/lib/rooms/connected-apps/api";
import { loadConnectedApps } from "@/lib/rooms/connected-apps/load";

type Loaded = { apps: IntegryApp[] } | { problem: string };

async function load(user: SessionUser): Promise<Loaded> {
  try {
    return { apps: await loadConnectedApps(user) };
  } catch (error) {
    // IntegryApiError and AppError messages say what to do and carry no credential.
    if (error instanceof IntegryApiError || error instanceof AppError) {
      return { problem: error.message };
    }
    throw error;
  }
}

async function ConnectedApps({ user }: { user: SessionUser }) {
  const loaded = await load(user);
  return (
    <section className="panel connected-apps" aria-labelledby="connected-apps-title" data-testid="connected-apps">
      <h2 id="connected-apps-title">Connected apps</h2>
      {"problem" in loaded ? (
        <p role="alert" className="error" data-testid="connected-apps-error">
          Connected apps could not be loaded: {loaded.problem} The integrations above still work.
        </p>
      ) : loaded.apps.length === 0 ? (
        <p className="muted" data-testid="connected-apps-empty">
          No app connected yet. Connect one in the Apps view, or set up a flow: its apps appear here.
        </p>
      ) : (
        <ul className="app-list">
          {loaded.apps.map((app) => (
            <li key={app.id} data-testid={`connected-app-${app.name}`}>
              {/* eslint-disable-next-line @next/next/no-img-element -- icons come from each app's vendor, any host */}
              <img src={app.iconUrl} alt="" width={24} height={24} />
              <span>
                <strong>{app.title}</strong>
                {/* The ID is what a function call takes as connected_account_id, to pick one of several accounts. */}
                <span className="muted">
                  {" "}
                  · {app.connectedAccounts.map((account) => `${account.displayName} (#${account.id})`).join(", ")}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConnectedAppsLoading() {
  return (
    <section className="panel connected-apps" aria-busy="true" data-testid="connected-apps-loading">
      <h2>Connected apps</h2>
      <p role="status" className="muted">
        Asking Integry…
      </p>
    </section>
  );
}

/** The user's connected apps, streamed: the page and the embed never wait for it, and its failure stays inside it. */
export function ConnectedAppsPanel({ user }: { user: SessionUser }) {
  return (
    <Suspense fallback={<ConnectedAppsLoading />}>
      <ConnectedApps user={user} />
    </Suspense>
  );
}
