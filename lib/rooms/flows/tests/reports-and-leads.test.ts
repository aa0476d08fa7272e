import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { createLead } from "@/lib/rooms/flows/leads";
import { recordIntegrationReport } from "@/lib/rooms/flows/reports";
import { appEvents } from "@/lib/rooms/flows/tables";
import type { CallbackTransport } from "@/lib/rooms/flows/transport";
import { databasesForThisFile } from "@/tests/support/databases";

import { CALLBACK_URL } from "./receiver";

const backends = databasesForThisFile(["flow_integrations", "app_events", "deliveries", "lead_allowances"]);
const transport: CallbackTransport = {
  refuse: () => undefined,
  send: () => Promise.reject(new Error("nothing is sent for a refused lead")),
};
const NUL = "Ada\u0000Lovelace";
const LONE_SURROGATE = "Ada \ud800";

for (const backend of backends) {
  describe.skipIf(backend.skip)(`on ${backend.name}`, () => {
    it.each([NUL, LONE_SURROGATE])(
      "refuses a lead named %j with a 400 that names the field, and stores nothing",
      async (name) => {
        const db = await backend.open();
        for (const lead of [
          { name, email: "ada@example.com" },
          { name: "Ada", email: "ada@example.com", company: name },
        ]) {
          await expect(createLead(db, "alice", transport, lead)).rejects.toMatchObject({
            code: "bad_request",
            status: 400,
            message: expect.stringMatching(/^The lead's (name|company) contains a character that cannot be stored\.$/),
          });
        }
        expect(await db.select({ events: count() }).from(appEvents)).toEqual([{ events: 0 }]);
      },
    );

    it("caps an identity's active integrations at 20 with a 422, saved or enabled, and lets a disabled one in", async () => {
      const db = await backend.open();
      const save = (integrationId: number, status = "ACTIVE") =>
        recordIntegrationReport(db, "alice", transport, {
          event: "did-save-integration",
          integrationId,
          flowName: "Send new leads to Slack",
          status,
          callbackUrl: `${CALLBACK_URL}&integration=${integrationId}`,
        });
      for (let integrationId = 1; integrationId <= 20; integrationId++) await save(integrationId);
      const refusal = {
        code: "too_many_integrations",
        status: 422,
        message: "You have 20 active integrations, the most a lead is sent to: disable one first.",
      };
      await expect(save(21)).rejects.toMatchObject(refusal);
      // Saving one of the twenty again is no new one; a disabled one sends nothing.
      await save(20);
      await save(21, "INACTIVE");
      await expect(
        recordIntegrationReport(db, "alice", transport, { event: "did-enable-integration", integrationId: 21 }),
      ).rejects.toMatchObject(refusal);
      await recordIntegrationReport(db, "alice", transport, { event: "did-disable-integration", integrationId: 1 });
      await recordIntegrationReport(db, "alice", transport, { event: "did-enable-integration", integrationId: 21 });
      // Another identity has its own twenty.
      await recordIntegrationReport(db, "bob", transport, {
        event: "did-save-integration",
        integrationId: 22,
        callbackUrl: CALLBACK_URL,
      });
    });

    it.each([NUL, LONE_SURROGATE])("refuses a saved flow named %j with a 400", async (flowName) => {
      const db = await backend.open();
      const report = { event: "did-save-integration", integrationId: 7, flowName, callbackUrl: CALLBACK_URL };
      await expect(recordIntegrationReport(db, "alice", transport, report)).rejects.toMatchObject({
        code: "bad_request",
        message: "Invalid integration report: flowName: contains a character that cannot be stored",
      });
    });
  });
}
