import "server-only";

import { Suspense } from "react";

import type { SessionUser } from "@/lib/auth/session";
import { getAppDatabase } from "@/lib/db/client";
import { getIntegryConfig } from "@/lib/integry/server/config";
import { AppError } from "@/lib/errors";
import { integryCredentials } from "@/lib/integry/server/params";
import { LEASE_MS } from "@/lib/rooms/flows/claim";
import { listDeliveries, type DeliveryLogEntry } from "@/lib/rooms/flows/delivery-log";
import { IntegrationReporter } from "@/lib/rooms/flows/integration-reporter";
import { LeadForm } from "@/lib/rooms/flows/lead-form";
import { RefreshWhileSending } from "@/lib/rooms/flows/refresh-while-sending";
import { integrationsShown } from "@/lib/rooms/flows/reports";
import { RetryButton } from "@/lib/rooms/flows/retry-button";
import { callbackTransport } from "@/lib/rooms/flows/transport";

// Due within a lease: just recorded, retried by hand, or in flight. Those waiting out a backoff are left to the cron route.
const beingSent = (deliveries: DeliveryLogEntry[], now: number) =>
  deliveries
    .filter(({ status, nextAttemptAt }) => status === "pending" && nextAttemptAt.getTime() <= now + LEASE_MS)
    .map(({ id, attempts }) => `${id}:${attempts}`)
    .join(" ");

const leadName = (payload: unknown) => (payload as { lead?: { name?: string } } | null)?.lead?.name ?? "?";

async function load(user: SessionUser) {
  const config = getIntegryConfig();
  const credentials = integryCredentials(user, config);
  const db = await getAppDatabase();
  const transport = await callbackTransport(config);
  const [integrations, deliveries, runs] = await Promise.all([
    integrationsShown(db, credentials.userId),
    listDeliveries(db, credentials.userId, 10),
    transport.listRuns?.(credentials),
  ]);
  return { integrations, deliveries, runs, loadedAt: Date.now() };
}

async function FlowDeliveries({ user }: { user: SessionUser }) {
  const loaded = await load(user).catch((error: unknown) => {
    if (error instanceof AppError) return { problem: error.message };
    throw error;
  });
  if ("problem" in loaded) {
    return (
      <p role="alert" className="error" data-testid="flow-delivery-error">
        Flows cannot run: {loaded.problem}
      </p>
    );
  }
  const { integrations, deliveries, runs, loadedAt } = loaded;
  const withCallback = integrations.filter(({ hasCallbackUrl, status }) => hasCallbackUrl && status !== "deleted");
  return (
    <>
      <LeadForm />
      <RefreshWhileSending sending={beingSent(deliveries, loadedAt)} renderedAt={loadedAt} />
      <h3>Flows a new lead runs</h3>
      {withCallback.length === 0 ? (
        <p className="muted">None yet: set up “Send new leads to Slack” above.</p>
      ) : (
        <ul className="app-list">
          {withCallback.map(({ integrationId, flowName, status }) => (
            <li key={integrationId} data-testid={`flow-integration-${integrationId}`} data-status={status}>
              <strong>{flowName || `Integration ${integrationId}`}</strong>
              <span className="muted">
                {" "}
                · {status}
                {status === "refused" ? ": its URL refused 3 deliveries in a row; save it again to send to it" : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>Deliveries</h3>
      {deliveries.length === 0 ? <p className="muted">No event sent yet.</p> : null}
      <ul className="app-list">
        {deliveries.map((delivery) => (
          <li key={delivery.id} data-testid={`delivery-${delivery.id}`} data-status={delivery.status}>
            <span>
              <strong>{leadName(delivery.eventPayload)}</strong> → integration {delivery.integrationId}
              <span className="muted">
                {" "}
                · {delivery.status}, {delivery.attempts} attempt(s)
                {delivery.lastHttpStatus ? `, last HTTP ${delivery.lastHttpStatus}` : ""}
                {delivery.lastError ? `, ${delivery.lastError}` : ""}
              </span>
            </span>
            {delivery.status === "failed" ? <RetryButton deliveryId={delivery.id} /> : null}
          </li>
        ))}
      </ul>
      {runs ? (
        <>
          <h3>Runs at the sandbox</h3>
          {runs.length === 0 ? <p className="muted">No flow has run yet.</p> : null}
          <ul className="app-list">
            {runs.map((run) => (
              <li key={run.id} data-testid="sandbox-run" data-integration={run.integrationId}>
                <strong>{leadName(run.payload)}</strong>
                <span className="muted"> · integration {run.integrationId}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** The app's own events running the flows its users set up: streamed, so the embed never waits for it. */
export function FlowDeliveryPanel({ user }: { user: SessionUser }) {
  return (
    <section className="panel flow-delivery" aria-labelledby="flow-delivery-title" data-testid="flow-delivery">
      <h2 id="flow-delivery-title">Run your flows</h2>
      <IntegrationReporter />
      <Suspense fallback={<p className="muted">Loading deliveries…</p>}>
        <FlowDeliveries user={user} />
      </Suspense>
    </section>
  );
}
