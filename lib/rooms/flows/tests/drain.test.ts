import { setTimeout as sleep } from "node:timers/promises";

import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/client";
import { drainDue } from "@/lib/rooms/flows/deliver";
import { recordIntegration } from "@/lib/rooms/flows/integrations";
import { recordEvent } from "@/lib/rooms/flows/outbox";
import { SENDS_PER_PROCESS } from "@/lib/rooms/flows/send-slots";
import { deliveries } from "@/lib/rooms/flows/tables";
import { databasesForThisFile } from "@/tests/support/databases";

import { CALLBACK_URL, scriptedReceiver } from "./receiver";

const backends = databasesForThisFile(["flow_integrations", "app_events", "deliveries"]);
const BACKLOG = 10_000;

/** `total` deliveries due now, as a long outage of the receiver would leave them. */
async function backlog(db: Database, total: number) {
  await recordIntegration(db, "alice", {
    integrationId: 1,
    flowName: "Leads",
    callbackUrl: CALLBACK_URL,
    status: "active",
  });
  const { deliveryIds } = await recordEvent(db, "alice", "lead.created", { name: "Ada" });
  const [first] = await db.select().from(deliveries).where(eq(deliveries.id, deliveryIds[0]!));
  await db.execute(sql`
    insert into deliveries (event_id, identity, integration_id, callback_url, status, next_attempt_at)
    select ${first!.eventId}, 'alice', 1, ${CALLBACK_URL}, 'pending', now() - interval '1 minute'
    from generate_series(2, ${total})`);
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`on ${backend.name}`, () => {
    it(`drains ${BACKLOG} due deliveries in a few calls of a 10-second budget, each sent once`, async () => {
      const db = await backend.open();
      await backlog(db, BACKLOG);
      const { send, received } = scriptedReceiver();
      let calls = 0;
      for (let delivered = 0; delivered < BACKLOG && calls < 12; calls++) {
        delivered += (await drainDue(db, { send, budgetMs: 10_000 })).delivered;
      }
      expect(calls).toBeLessThanOrEqual(12);
      expect(received).toHaveLength(BACKLOG);
      expect(new Set(received.map((request) => request.headers["Idempotency-Key"])).size).toBe(BACKLOG);
      const [{ pending }] = (await db
        .select({ pending: count() })
        .from(deliveries)
        .where(eq(deliveries.status, "pending"))) as [{ pending: number }];
      expect(pending).toBe(0);
    }, 180_000);

    it("stops claiming once its budget is spent, and leaves the rest due for the next call", async () => {
      const db = await backend.open();
      await backlog(db, 200);
      const slow = async () => (await sleep(200), new Response(null, { status: 200 }));
      const first = await drainDue(db, { send: slow, budgetMs: 250 });
      // A claim of SENDS_PER_PROCESS takes at least 200 ms (sent side by side): a 250 ms budget starts one or two.
      expect(first.batches).toBeGreaterThanOrEqual(1);
      expect(first.batches).toBeLessThanOrEqual(2);
      expect(first.delivered).toBe(SENDS_PER_PROCESS * first.batches);
      expect((await drainDue(db, { send: slow, budgetMs: 10_000 })).delivered).toBe(200 - first.delivered);
    });
  });
}
