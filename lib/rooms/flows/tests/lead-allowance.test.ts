import { count } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Database } from "@/lib/db/client";
import { recordLead } from "@/lib/rooms/flows/leads";
import { appEvents } from "@/lib/rooms/flows/tables";
import { databasesForThisFile } from "@/tests/support/databases";

const backends = databasesForThisFile(["lead_allowances", "app_events"]);

/**
 * A lead as the route writes it, at `now`: paid for inside the statement that writes it (and the leads beside it) on
 * Postgres, from memory on PGlite.
 */
const spendLeadAllowance = async (db: Database, identity: string, perMinute: number, now: Date) => {
  vi.useFakeTimers({ toFake: ["Date"], now });
  vi.stubEnv("FLOWS_LEADS_PER_MINUTE", String(perMinute));
  await recordLead(db, identity, {});
};
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});
const T0 = new Date("2026-12-03T09:00:00Z");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const refusal = { code: "rate_limited", status: 429, message: "At most 5 leads a minute: try again shortly." };

for (const backend of backends) {
  describe.skipIf(backend.skip)(`on ${backend.name}`, () => {
    it("lets an identity create its minute's leads at once, then refuses with a Retry-After until one refills", async () => {
      const db = await backend.open();
      for (let lead = 1; lead <= 5; lead++) await spendLeadAllowance(db, "alice", 5, T0);
      await expect(spendLeadAllowance(db, "alice", 5, T0)).rejects.toMatchObject({
        ...refusal,
        retryAfterSeconds: 12,
      });
      // Another identity has its own allowance.
      await spendLeadAllowance(db, "bob", 5, T0);
      // One lead refills every 12 s at 5 a minute: not sooner, and one at a time.
      await expect(spendLeadAllowance(db, "alice", 5, later(11))).rejects.toMatchObject(refusal);
      await spendLeadAllowance(db, "alice", 5, later(12));
      await expect(spendLeadAllowance(db, "alice", 5, later(12))).rejects.toMatchObject(refusal);
      // An hour idle refills the bucket to its size, no more.
      for (let lead = 1; lead <= 5; lead++) await spendLeadAllowance(db, "alice", 5, later(3600));
      await expect(spendLeadAllowance(db, "alice", 5, later(3600))).rejects.toMatchObject(refusal);
    });

    it("refills nothing when a clock behind the last one asks", async () => {
      const db = await backend.open();
      for (let lead = 1; lead <= 5; lead++) await spendLeadAllowance(db, "alice", 5, later(60));
      await expect(spendLeadAllowance(db, "alice", 5, T0)).rejects.toMatchObject(refusal);
      await expect(spendLeadAllowance(db, "alice", 5, later(71))).rejects.toMatchObject(refusal);
      await spendLeadAllowance(db, "alice", 5, later(72));
    });

    it("never spends a token twice: 40 requests at once on two instances get exactly the 10 a minute allows", async () => {
      const instances = await backend.openTwo();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 40 }, (_, index) => spendLeadAllowance(instances[index % 2]!, "alice", 10, T0)),
      );
      expect(outcomes.filter(({ status }) => status === "fulfilled")).toHaveLength(10);
      // A refused lead writes nothing.
      expect(await instances[0]!.select({ events: count() }).from(appEvents)).toEqual([{ events: 10 }]);
      for (const outcome of outcomes.filter((outcome) => outcome.status === "rejected")) {
        expect(outcome.reason).toMatchObject({ code: "rate_limited", retryAfterSeconds: 6 });
      }
    });
  });
}
