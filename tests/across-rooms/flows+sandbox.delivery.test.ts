import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Database } from "@/lib/db/client";
import { deliveries } from "@/lib/rooms/flows/tables";
import { deliverDue, deliverNow } from "@/lib/rooms/flows/deliver";
import { recordIntegration } from "@/lib/rooms/flows/integrations";
import { recordEvent } from "@/lib/rooms/flows/outbox";
import { callbackTransport } from "@/lib/rooms/flows/transport";
import { sandboxCallbacks } from "@/lib/rooms/sandbox/in-process-fetch";
import { SANDBOX_CALLBACK_ORIGIN } from "@/lib/rooms/sandbox/run-urls";

import {
  embeddedAppDatabaseForThisTest,
  PGLITE_START_TIMEOUT_MS,
  postgresAppDatabaseForThisTest,
} from "@/tests/support/databases";
import { BASE, CONFIG, credentials, hashOf, slackSaveBody } from "@/lib/rooms/sandbox/tests/sandbox-client";
import { callbackUrlOf } from "@/tests/support/slack-flow";
import { POSTGRES_URL } from "@/tests/support/databases";

const USER = "user-alice";
const NEW_LEAD = { name: "Ada Lovelace", email: "ada@example.com" };
const HOUR = 60 * 60_000;
const after = (start: Date, ms: number) => new Date(start.getTime() + ms);

afterEach(() => vi.unstubAllEnvs());

// As the embed does: saved in the sandbox, which hands out the callback URL the browser then reports to the app.
async function saveInTheSandbox(): Promise<{ id: number; callbackUrl: string }> {
  const { fetch } = sandboxCallbacks(CONFIG);
  const saved = await fetch(`${SANDBOX_CALLBACK_ORIGIN}${BASE}/v2/integration/?${await credentials(USER)}`, {
    method: "POST",
    body: JSON.stringify(slackSaveBody("#sales", "New lead")),
    headers: { "Content-Type": "application/json" },
  });
  expect(saved.status).toBe(201);
  const integration = (await saved.json()) as { id: number; steps: { returned_data: string | null }[] };
  return { id: integration.id, callbackUrl: callbackUrlOf(integration) };
}

async function failNextCallbacks(integrationId: number, count: number): Promise<void> {
  const target = `${SANDBOX_CALLBACK_ORIGIN}${BASE}/callbacks/${integrationId}/fail-next?count=${count}&${await credentials(USER)}`;
  const armed = await sandboxCallbacks(CONFIG).fetch(target, { method: "POST" });
  expect(await armed.json()).toEqual({ integrationId, failNext: count, failure: "503" });
}

const BACKENDS = [
  { name: "PGlite", skip: false, open: async () => (await embeddedAppDatabaseForThisTest()).db },
  { name: "Postgres", skip: POSTGRES_URL === "", open: async () => (await postgresAppDatabaseForThisTest()).db },
];

describe.each(BACKENDS)("a lead delivered to the sandbox's flow, on $name", ({ skip, open }) => {
  it.skipIf(skip)(
    "503 twice then 200: delivered once, after 3 attempts, one run at the sandbox with one idempotency key",
    async () => {
      const db: Database = await open();
      const { id: integrationId, callbackUrl } = await saveInTheSandbox();
      await failNextCallbacks(integrationId, 2);
      await recordIntegration(db, USER, {
        integrationId,
        flowName: "Send new leads to Slack",
        callbackUrl,
        status: "active",
      });
      const { deliveryIds } = await recordEvent(db, USER, "lead.created", NEW_LEAD);
      expect(deliveryIds).toHaveLength(1);
      const id = deliveryIds[0]!;
      // The app's own wiring of the sandbox: its in-process fetch, answered from the store in the app's database.
      const { send, listRuns } = await callbackTransport(CONFIG);
      const start = new Date();

      expect(await deliverNow(db, deliveryIds, { send, now: start })).toEqual([{ id, status: "pending" }]);
      expect(await deliverDue(db, { send, now: after(start, HOUR) })).toEqual([{ id, status: "pending" }]);
      expect(await deliverDue(db, { send, now: after(start, 2 * HOUR) })).toEqual([{ id, status: "delivered" }]);
      expect(await deliverDue(db, { send, now: after(start, 3 * HOUR) })).toEqual([]);

      const [delivery] = await db.select().from(deliveries).where(eq(deliveries.id, id));
      expect(delivery).toMatchObject({ status: "delivered", attempts: 3, lastHttpStatus: 200, lastError: null });
      expect(await listRuns!({ appKey: CONFIG.appKey, userId: USER, hash: await hashOf(USER) })).toEqual([
        {
          id: expect.any(Number),
          integrationId,
          idempotencyKey: delivery!.idempotencyKey,
          payload: NEW_LEAD,
          createdAt: expect.any(String),
        },
      ]);
    },
    PGLITE_START_TIMEOUT_MS,
  );
});
