import { asc, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { appEvents, deliveries } from "@/lib/rooms/flows/tables";
import {
  listIntegrations,
  recordIntegration,
  setIntegrationStatus,
  type IntegrationChange,
} from "@/lib/rooms/flows/integrations";
import { claimDueDeliveries, LEASE_MS } from "@/lib/rooms/flows/claim";
import { recordEvent } from "@/lib/rooms/flows/outbox";

import { databasesForThisFile } from "@/tests/support/databases";
import { CALLBACK_URL } from "./receiver";

const backends = databasesForThisFile(["flow_integrations", "app_events", "deliveries"]);
const NEW_LEAD = { name: "Ada Lovelace", email: "ada@example.com" };
const slack = (integrationId: number, change: Partial<IntegrationChange> = {}): IntegrationChange => ({
  integrationId,
  flowName: "Send new leads to Slack",
  callbackUrl: `${CALLBACK_URL}&integration=${integrationId}`,
  status: "active",
  ...change,
});

for (const backend of backends) {
  describe.skipIf(backend.skip)(`on ${backend.name}`, () => {
    describe("an identity's integrations", () => {
      it("are saved again in place, and listed for their identity only", async () => {
        const db = await backend.open();
        await recordIntegration(db, "alice", slack(1));
        await recordIntegration(db, "alice", slack(1, { flowName: "Renamed", callbackUrl: null, status: "disabled" }));
        await recordIntegration(db, "bob", slack(2));
        expect(await listIntegrations(db, "alice")).toEqual([
          expect.objectContaining({ identity: "alice", integrationId: 1, flowName: "Renamed", callbackUrl: null }),
        ]);
        expect((await listIntegrations(db, "bob")).map((row) => row.integrationId)).toEqual([2]);
      });

      it("change status only for the identity that owns them", async () => {
        const db = await backend.open();
        await recordIntegration(db, "alice", slack(1));
        expect(await setIntegrationStatus(db, "bob", 1, "deleted")).toBe(false);
        expect((await listIntegrations(db, "alice"))[0]?.status).toBe("active");
        expect(await setIntegrationStatus(db, "alice", 1, "disabled")).toBe(true);
        expect((await listIntegrations(db, "alice"))[0]?.status).toBe("disabled");
      });
    });

    describe("recordEvent", () => {
      it("writes one pending delivery per active integration with a callback URL, of that identity only", async () => {
        const db = await backend.open();
        await recordIntegration(db, "alice", slack(1));
        await recordIntegration(db, "alice", slack(2, { callbackUrl: null }));
        await recordIntegration(db, "alice", slack(3, { status: "disabled" }));
        await recordIntegration(db, "alice", slack(4, { status: "deleted" }));
        await recordIntegration(db, "alice", slack(5, { status: "gone" }));
        await recordIntegration(db, "alice", slack(6));
        await recordIntegration(db, "bob", slack(7));

        const { eventId, deliveryIds } = await recordEvent(db, "alice", "lead.created", NEW_LEAD);

        const written = await db.select().from(deliveries).orderBy(asc(deliveries.integrationId));
        expect(written).toEqual([
          expect.objectContaining({
            id: deliveryIds[0],
            eventId,
            identity: "alice",
            integrationId: 1,
            status: "pending",
          }),
          expect.objectContaining({
            id: deliveryIds[1],
            eventId,
            identity: "alice",
            integrationId: 6,
            status: "pending",
          }),
        ]);
        expect(written.map(({ callbackUrl, attempts }) => [callbackUrl, attempts])).toEqual([
          [`${CALLBACK_URL}&integration=1`, 0],
          [`${CALLBACK_URL}&integration=6`, 0],
        ]);
        expect(written[0]!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
        expect(await db.select().from(appEvents)).toEqual([
          expect.objectContaining({ id: eventId, identity: "alice", type: "lead.created", payload: NEW_LEAD }),
        ]);
      });

      it("gives each delivery an idempotency key of its own, a UUID", async () => {
        const db = await backend.open();
        await recordIntegration(db, "alice", slack(1));
        await recordIntegration(db, "alice", slack(2));
        await recordEvent(db, "alice", "lead.created", NEW_LEAD);
        await recordEvent(db, "alice", "lead.created", NEW_LEAD);
        const keys = (await db.select().from(deliveries)).map((delivery) => delivery.idempotencyKey);
        expect(keys).toHaveLength(4);
        expect(new Set(keys).size).toBe(4);
        for (const key of keys)
          expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      });

      it("writes the first N deliveries claimed for the caller, as a claim leaves them, and the rest due now", async () => {
        const db = await backend.open();
        for (const id of [1, 2, 3]) await recordIntegration(db, "alice", slack(id));
        const before = Date.now();
        const { deliveryIds, claimed } = await recordEvent(db, "alice", "lead.created", NEW_LEAD, { claimUpTo: 2 });

        expect(claimed).toEqual([
          expect.objectContaining({ identity: "alice", integrationId: 1, attempt: 1, payload: NEW_LEAD }),
          expect.objectContaining({ identity: "alice", integrationId: 2, attempt: 1, payload: NEW_LEAD }),
        ]);
        const written = await db.select().from(deliveries).orderBy(asc(deliveries.integrationId));
        expect(written.map(({ id }) => id)).toEqual(deliveryIds);
        expect(claimed.map(({ idempotencyKey }) => idempotencyKey)).toEqual(
          written.slice(0, 2).map(({ idempotencyKey }) => idempotencyKey),
        );
        // Claimed: the first attempt, a lease ahead, so no other worker takes them before it runs out.
        for (const row of written.slice(0, 2)) {
          expect(row).toMatchObject({ status: "pending", attempts: 1 });
          expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + LEASE_MS);
        }
        expect(written[2]).toMatchObject({ status: "pending", attempts: 0 });
        expect(written[2]!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
        const { claimed: none } = await claimDueDeliveries(db, new Date(), 10);
        expect(none.map(({ integrationId }) => integrationId)).toEqual([3]);
      });

      it("records the event even when no integration is listening", async () => {
        const db = await backend.open();
        const { deliveryIds } = await recordEvent(db, "carol", "lead.created", NEW_LEAD);
        expect(deliveryIds).toEqual([]);
        expect(await db.$count(appEvents)).toBe(1);
      });

      it("writes neither the event nor any delivery when the transaction fails part-way", async () => {
        const db = await backend.open();
        await recordIntegration(db, "alice", slack(1));
        await recordIntegration(db, "alice", slack(666));
        // A rule of this test's that the deliveries' insert, after the event's, breaks.
        await db.execute(sql`alter table deliveries add constraint refuse_666 check (integration_id <> 666)`);
        try {
          await expect(recordEvent(db, "alice", "lead.created", NEW_LEAD)).rejects.toThrow(/insert into "deliveries"/);
        } finally {
          await db.execute(sql`alter table deliveries drop constraint refuse_666`);
        }
        expect(await db.$count(appEvents)).toBe(0);
        expect(await db.$count(deliveries)).toBe(0);
      });
    });
  });
}
