import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";

import { recordIntegration } from "@/lib/rooms/flows/integrations";
import { recordLead } from "@/lib/rooms/flows/leads";
import type { RecordedEvent } from "@/lib/rooms/flows/outbox";
import { releaseSendSlots } from "@/lib/rooms/flows/send-slots";
import { appEvents, deliveries } from "@/lib/rooms/flows/tables";
import { databasesForThisFile } from "@/tests/support/databases";

import { CALLBACK_URL } from "./receiver";

const backends = databasesForThisFile(["flow_integrations", "app_events", "deliveries", "lead_allowances"]);

/** Nothing here sends: the slots a lead's claimed deliveries hold go back, as a send's end would return them. */
const sentNowhere = (recorded: RecordedEvent) => {
  releaseSendSlots(recorded.claimed.length);
  return recorded;
};
const lead = (db: Parameters<typeof recordLead>[0], identity: string, payload: unknown) =>
  recordLead(db, identity, payload).then(sentNowhere);

afterEach(() => vi.unstubAllEnvs());

for (const backend of backends) {
  describe.skipIf(backend.skip)(`on ${backend.name}`, () => {
    const integrations = async (db: Parameters<typeof recordLead>[0], identity: string, ids: number[]) => {
      for (const integrationId of ids) {
        await recordIntegration(db, identity, {
          integrationId,
          flowName: "Send new leads to Slack",
          callbackUrl: `${CALLBACK_URL}&integration=${integrationId}`,
          status: "active",
        });
      }
    };

    it("writes the leads that arrive while one is written in one statement, each with its own event and deliveries", async () => {
      const db = await backend.open();
      await integrations(db, "alice", [1, 2]);
      await integrations(db, "bob", [3]);
      const statements = vi.spyOn(db, "execute");
      const identities = ["alice", "bob", "alice", "bob", "alice", "carol"];
      const recorded = await Promise.all(identities.map((identity, index) => lead(db, identity, { index })));
      // The first waits for nobody; the other five arrived while it was written: one statement on Postgres, two on
      // the embedded database, which takes at most 4 leads a statement.
      expect(statements).toHaveBeenCalledTimes(backend.name === "PGlite" ? 3 : 2);
      expect(new Set(recorded.map(({ eventId }) => eventId)).size).toBe(6);
      for (const [index, { eventId, deliveryIds, claimed }] of recorded.entries()) {
        const identity = identities[index]!;
        expect(await db.select().from(appEvents).where(eq(appEvents.id, eventId))).toEqual([
          expect.objectContaining({ identity, payload: { index } }),
        ]);
        const written = await db
          .select()
          .from(deliveries)
          .where(eq(deliveries.eventId, eventId))
          .orderBy(asc(deliveries.integrationId));
        expect(written.map(({ id }) => id)).toEqual(deliveryIds);
        expect(written.map(({ integrationId }) => integrationId)).toEqual({ alice: [1, 2], bob: [3] }[identity] ?? []);
        // Free send slots: every delivery is written claimed, for this lead, with its own payload.
        expect(claimed.map(({ id, payload }) => [id, payload])).toEqual(deliveryIds.map((id) => [id, { index }]));
      }
    });

    it("fails only the lead that cannot be stored: the others of its statement are written", async () => {
      const db = await backend.open();
      // JSON escapes NUL, and Postgres's jsonb refuses it: the statement with it fails.
      const payloads = [{ name: "first" }, { name: "Ada" }, { name: "Ada\u0000Lovelace" }, { name: "Grace" }];
      const written = await Promise.allSettled(payloads.map((payload) => lead(db, "alice", payload)));
      expect(written.map(({ status }) => status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
      const names = (await db.select().from(appEvents).orderBy(asc(appEvents.id))).map(({ payload }) => payload);
      expect(names).toEqual([{ name: "first" }, { name: "Ada" }, { name: "Grace" }]);
    });

    it("writes exactly the leads an allowance allows when one statement carries more than it has left", async () => {
      const db = await backend.open();
      vi.stubEnv("FLOWS_LEADS_PER_MINUTE", "3");
      const identities = ["alice", "alice", "bob", "alice", "alice", "alice"];
      const written = await Promise.allSettled(identities.map((identity) => lead(db, identity, {})));
      expect(written.map(({ status }) => status)).toEqual([
        "fulfilled",
        "fulfilled",
        "fulfilled",
        "fulfilled",
        "rejected",
        "rejected",
      ]);
      for (const refused of written.slice(4)) {
        expect(refused).toMatchObject({ reason: { code: "rate_limited", status: 429, retryAfterSeconds: 20 } });
      }
      const events = await db.select({ identity: appEvents.identity }).from(appEvents).orderBy(asc(appEvents.id));
      expect(events.map(({ identity }) => identity).sort()).toEqual(["alice", "alice", "alice", "bob"]);
    });
  });
}
