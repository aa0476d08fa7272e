import { inArray } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

import { claimDueDeliveries } from "@/lib/rooms/flows/claim";
import { recordIntegration } from "@/lib/rooms/flows/integrations";
import { recordEvent } from "@/lib/rooms/flows/outbox";
import { recordOutcomeSoon, type Outcome } from "@/lib/rooms/flows/outcomes";
import { deliveries } from "@/lib/rooms/flows/tables";

import { databasesForThisFile } from "@/tests/support/databases";
import { CALLBACK_URL } from "./receiver";

const backends = databasesForThisFile(["flow_integrations", "app_events", "deliveries"]);

for (const backend of backends) {
  describe.skipIf(backend.skip)(`on ${backend.name}`, () => {
    it("records the outcomes that arrive while one is being written in one statement, each on its own row", async () => {
      const db = await backend.open();
      for (let integrationId = 1; integrationId <= 8; integrationId++) {
        await recordIntegration(db, "alice", {
          integrationId,
          flowName: "Send new leads to Slack",
          callbackUrl: `${CALLBACK_URL}&integration=${integrationId}`,
          status: "active",
        });
      }
      const { deliveryIds } = await recordEvent(db, "alice", "lead.created", { name: "Ada" });
      const claimed = (await claimDueDeliveries(db, new Date(), 8)).claimed.sort((a, b) => a.id - b.id);
      const retryAt = new Date(Date.now() + 60_000);
      const outcomes: Outcome[] = claimed.map(({ id, attempt }, index) =>
        index % 2 === 0
          ? { id, attempt, status: "delivered", lastHttpStatus: 200, lastError: null, nextAttemptAt: null }
          : { id, attempt, status: "pending", lastHttpStatus: 503, lastError: null, nextAttemptAt: retryAt },
      );
      // One for an attempt that is no longer the delivery's, beside the current one: recorded nowhere.
      outcomes.splice(2, 0, { ...outcomes[1]!, attempt: 7, status: "failed", lastHttpStatus: 500 });
      const statements = vi.spyOn(db, "execute");
      const recorded = await Promise.all(outcomes.map((outcome) => recordOutcomeSoon(db, outcome)));
      // The first waits for nobody; the other eight arrived while it was written.
      expect(statements).toHaveBeenCalledTimes(2);
      expect(recorded).toEqual(outcomes.map(({ attempt }) => attempt !== 7));
      const rows = await db
        .select({
          id: deliveries.id,
          status: deliveries.status,
          lastHttpStatus: deliveries.lastHttpStatus,
          nextAttemptAt: deliveries.nextAttemptAt,
        })
        .from(deliveries)
        .where(inArray(deliveries.id, deliveryIds))
        .orderBy(deliveries.id);
      expect(rows.map(({ status, lastHttpStatus }) => [status, lastHttpStatus])).toEqual(
        claimed.map((_, index) => (index % 2 === 0 ? ["delivered", 200] : ["pending", 503])),
      );
      expect(rows[1]!.nextAttemptAt.getTime()).toBe(retryAt.getTime());
    });
  });
}
