import { setTimeout as sleep } from "node:timers/promises";

import { eq } from "drizzle-orm";
import { describe, expect, it, onTestFinished, vi } from "vitest";

import type { Database } from "@/lib/db/client";
import { deliveries } from "@/lib/rooms/flows/tables";
import type { SendCallback } from "@/lib/rooms/flows/callback-attempt";
import { claimDueDeliveries, LEASE_MS } from "@/lib/rooms/flows/claim";
import { deliverDue, deliverNow, deliverSoon, drainDue, SENDS_PER_LEAD, sweepDue } from "@/lib/rooms/flows/deliver";
import { listDeliveries, retryDelivery } from "@/lib/rooms/flows/delivery-log";
import { listIntegrations, recordIntegration, setIntegrationStatus } from "@/lib/rooms/flows/integrations";
import { recordEvent } from "@/lib/rooms/flows/outbox";
import { releaseSendSlots, SENDS_PER_PROCESS, takeFreeSendSlots } from "@/lib/rooms/flows/send-slots";

import { databasesForThisFile } from "@/tests/support/databases";
import { CALLBACK_URL, scriptedReceiver } from "./receiver";

const backends = databasesForThisFile(["flow_integrations", "app_events", "deliveries"]);
const NEW_LEAD = { name: "Ada Lovelace", email: "ada@example.com" };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const after = (start: Date, ms: number) => new Date(start.getTime() + ms);

async function slackIntegration(db: Database, identity: string, integrationId: number, callbackUrl = CALLBACK_URL) {
  await recordIntegration(db, identity, {
    integrationId,
    flowName: "Send new leads to Slack",
    callbackUrl,
    status: "active",
  });
}

/** Alice's one Slack integration and one new lead for it: the delivery's ID. */
async function oneDelivery(db: Database): Promise<number> {
  await slackIntegration(db, "alice", 1);
  const { deliveryIds } = await recordEvent(db, "alice", "lead.created", NEW_LEAD);
  expect(deliveryIds).toHaveLength(1);
  return deliveryIds[0]!;
}

async function deliveryRow(db: Database, id: number) {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.id, id));
  return row!;
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`on ${backend.name}`, () => {
    it("retries 503, 503, then 200: delivered once, after 3 attempts, with the same Idempotency-Key each time", async () => {
      const db = await backend.open();
      const id = await oneDelivery(db);
      const { send, received } = scriptedReceiver(503, 503, 200);
      const start = new Date();

      expect(await deliverDue(db, { send, now: start })).toEqual([{ id, status: "pending" }]);
      const waiting = await deliveryRow(db, id);
      expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastHttpStatus: 503, lastError: null });
      expect(waiting.nextAttemptAt.getTime()).toBeLessThanOrEqual(after(start, 2 * MINUTE).getTime());
      expect(await deliverDue(db, { send, now: after(start, HOUR) })).toEqual([{ id, status: "pending" }]);
      expect(await deliverDue(db, { send, now: after(start, 2 * HOUR) })).toEqual([{ id, status: "delivered" }]);
      expect(await deliverDue(db, { send, now: after(start, 3 * HOUR) })).toEqual([]);

      const delivered = await deliveryRow(db, id);
      expect(delivered).toMatchObject({ status: "delivered", attempts: 3, lastHttpStatus: 200, lastError: null });
      expect(received).toHaveLength(3);
      for (const request of received) {
        expect(request.url).toBe(CALLBACK_URL);
        expect(request.headers).toEqual({
          "Content-Type": "application/json",
          "Idempotency-Key": delivered.idempotencyKey,
        });
        expect(JSON.parse(request.body)).toEqual(NEW_LEAD);
      }
    });

    it("waits as long as a 429's Retry-After asks", async () => {
      const db = await backend.open();
      const id = await oneDelivery(db);
      const tooMany = new Response(null, { status: 429, headers: { "Retry-After": "600" } });
      const { send, received } = scriptedReceiver(tooMany, 200);
      const start = new Date();

      expect(await deliverDue(db, { send, now: start })).toEqual([{ id, status: "pending" }]);
      expect((await deliveryRow(db, id)).nextAttemptAt).toEqual(after(start, 10 * MINUTE));
      expect(await deliverDue(db, { send, now: after(start, 10 * MINUTE - 1) })).toEqual([]);
      expect(received).toHaveLength(1);
      expect(await deliverDue(db, { send, now: after(start, 10 * MINUTE) })).toEqual([{ id, status: "delivered" }]);
    });

    it.each([404, 410])("fails at %i and marks the integration gone: later events send it nothing", async (status) => {
      const db = await backend.open();
      const id = await oneDelivery(db);
      const { send, received } = scriptedReceiver(status);

      expect(await deliverDue(db, { send })).toEqual([{ id, status: "failed" }]);
      expect(await deliveryRow(db, id)).toMatchObject({ status: "failed", attempts: 1, lastHttpStatus: status });
      expect((await listIntegrations(db, "alice"))[0]?.status).toBe("gone");
      expect((await recordEvent(db, "alice", "lead.created", NEW_LEAD)).deliveryIds).toEqual([]);
      expect(await deliverDue(db, { send, now: after(new Date(), 2 * HOUR) })).toEqual([]);
      expect(received).toHaveLength(1);
    });

    it("leaves the integration alone when the 404 came from a callback URL it no longer has", async () => {
      const db = await backend.open();
      const id = await oneDelivery(db);
      await slackIntegration(db, "alice", 1, `${CALLBACK_URL}&saved=again`);
      expect(await deliverDue(db, { send: scriptedReceiver(404).send })).toEqual([{ id, status: "failed" }]);
      expect((await listIntegrations(db, "alice"))[0]?.status).toBe("active");
    });

    it("fails at once at 400, leaving the integration active", async () => {
      const db = await backend.open();
      const id = await oneDelivery(db);
      const { send, received } = scriptedReceiver(400, 200);

      expect(await deliverDue(db, { send })).toEqual([{ id, status: "failed" }]);
      expect(await deliveryRow(db, id)).toMatchObject({ status: "failed", attempts: 1, lastHttpStatus: 400 });
      expect(await deliverDue(db, { send, now: after(new Date(), 2 * HOUR) })).toEqual([]);
      expect(received).toHaveLength(1);
      expect((await listIntegrations(db, "alice"))[0]?.status).toBe("active");
    });

    it("fails after 6 attempts; retried by its identity, it is sent again with the same key and delivered", async () => {
      const db = await backend.open();
      const id = await oneDelivery(db);
      const { send, received } = scriptedReceiver(503, 503, 503, 503, 503, 503, 200);
      const start = new Date();

      const statuses = [];
      for (let hour = 0; hour < 6; hour++) {
        statuses.push(...(await deliverDue(db, { send, now: after(start, hour * HOUR) })).map((o) => o.status));
      }
      expect(statuses).toEqual(["pending", "pending", "pending", "pending", "pending", "failed"]);
      expect(await deliveryRow(db, id)).toMatchObject({ status: "failed", attempts: 6, lastHttpStatus: 503 });
      expect(await deliverDue(db, { send, now: after(start, 10 * HOUR) })).toEqual([]);

      expect(await retryDelivery(db, "bob", id)).toBe(false);
      expect(await retryDelivery(db, "alice", id)).toBe(true);
      expect(await deliveryRow(db, id)).toMatchObject({ status: "pending", attempts: 0, lastHttpStatus: null });
      expect(await retryDelivery(db, "alice", id)).toBe(false);
      expect(await deliverDue(db, { send, now: after(start, 10 * HOUR) })).toEqual([{ id, status: "delivered" }]);

      const delivered = await deliveryRow(db, id);
      expect(delivered).toMatchObject({ status: "delivered", attempts: 1 });
      expect(received).toHaveLength(7);
      expect(new Set(received.map((request) => request.headers["Idempotency-Key"]))).toEqual(
        new Set([delivered.idempotencyKey]),
      );
    });

    it.each(["disabled", "deleted"] as const)(
      "skips a delivery whose integration was %s after the event",
      async (status) => {
        const db = await backend.open();
        const id = await oneDelivery(db);
        await setIntegrationStatus(db, "alice", 1, status);
        const { send, received } = scriptedReceiver();

        expect(await deliverDue(db, { send })).toEqual([{ id, status: "skipped" }]);
        expect(received).toEqual([]);
        expect(await deliveryRow(db, id)).toMatchObject({ status: "skipped", attempts: 0 });
        await setIntegrationStatus(db, "alice", 1, "active");
        expect(await deliverDue(db, { send, now: after(new Date(), 2 * HOUR) })).toEqual([]);
        expect(received).toEqual([]);
      },
    );

    it("retries after a network error, storing no word of the error's own message", async () => {
      const db = await backend.open();
      const id = await oneDelivery(db);
      const { send } = scriptedReceiver(new TypeError(`fetch failed: ${CALLBACK_URL}`), 200);

      expect(await deliverDue(db, { send })).toEqual([{ id, status: "pending" }]);
      expect(await deliveryRow(db, id)).toMatchObject({ lastHttpStatus: null, lastError: "Network error" });
      expect(await deliverDue(db, { send, now: after(new Date(), HOUR) })).toEqual([{ id, status: "delivered" }]);
    });

    it("gives each attempt 10 s, even when the send ignores its signal", async () => {
      const db = await backend.open();
      const id = await oneDelivery(db);
      let sent!: () => void;
      const sending = new Promise<void>((resolve) => (sent = resolve));
      const neverAnswers: SendCallback = () => {
        sent();
        return new Promise(() => {});
      };
      // Faked only until the attempt's own timer has run: the databases' drivers use timers of their own.
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      onTestFinished(() => void vi.useRealTimers());
      let settled = false;
      const outcomes = deliverDue(db, { send: neverAnswers }).finally(() => (settled = true));
      await sending;
      await vi.advanceTimersByTimeAsync(9_999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      vi.useRealTimers();
      expect(await outcomes).toEqual([{ id, status: "pending" }]);
      expect(await deliveryRow(db, id)).toMatchObject({ attempts: 1, lastError: "No response within 10 s" });
    });

    it("after a worker crashed mid-send, sends again once its 30-second lease is over", async () => {
      const db = await backend.open();
      const id = await oneDelivery(db);
      const start = new Date();
      // What a crashed worker leaves behind: a claim and no outcome.
      expect((await claimDueDeliveries(db, start, 10)).claimed).toEqual([expect.objectContaining({ id, attempt: 1 })]);
      const { send, received } = scriptedReceiver();

      expect(await deliverDue(db, { send, now: after(start, LEASE_MS - 1) })).toEqual([]);
      expect(await deliverDue(db, { send, now: after(start, LEASE_MS) })).toEqual([{ id, status: "delivered" }]);
      expect(received).toHaveLength(1);
      expect(await deliveryRow(db, id)).toMatchObject({ status: "delivered", attempts: 2 });
    });

    it("a worker killed at every attempt: after the sixth claim, the delivery is failed, never sent again", async () => {
      const db = await backend.open();
      const id = await oneDelivery(db);
      const start = new Date();
      // Six claims, each by a worker that dies before recording anything.
      for (let claim = 1; claim <= 6; claim++) {
        const { claimed } = await claimDueDeliveries(db, after(start, claim * LEASE_MS), 10);
        expect(claimed).toEqual([expect.objectContaining({ id, attempt: claim })]);
      }
      const { send, received } = scriptedReceiver();
      expect(await deliverDue(db, { send, now: after(start, 7 * LEASE_MS) })).toEqual([{ id, status: "failed" }]);
      expect(await deliverDue(db, { send, now: after(start, HOUR) })).toEqual([]);
      expect(received).toHaveLength(0);
      expect(await deliveryRow(db, id)).toMatchObject({
        status: "failed",
        attempts: 6,
        lastError: "No answer was recorded for the last attempt",
      });
    });

    it("records nothing for a worker whose lease ran out: the attempt is the next worker's", async () => {
      const db = await backend.open();
      const id = await oneDelivery(db);
      const start = new Date();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      // The first worker's receiver answers 500 only after the second worker has taken the delivery over.
      const slow: SendCallback = async () => (await held, new Response(null, { status: 500 }));
      const first = deliverDue(db, { send: slow, now: start });
      await vi.waitFor(async () => expect((await deliveryRow(db, id)).attempts).toBe(1));
      const { send } = scriptedReceiver(200);
      expect(await deliverDue(db, { send, now: after(start, LEASE_MS) })).toEqual([{ id, status: "delivered" }]);
      release();
      await first;
      expect(await deliveryRow(db, id)).toMatchObject({ status: "delivered", attempts: 2, lastHttpStatus: 200 });
    });

    it("records nothing for a worker whose lease ran out while the next worker's attempt is still in flight", async () => {
      const db = await backend.open();
      const id = await oneDelivery(db);
      const start = new Date();
      const heldUntil = () => {
        let release!: () => void;
        return { held: new Promise<void>((resolve) => (release = resolve)), release: () => release() };
      };
      const [firstAnswer, secondAnswer] = [heldUntil(), heldUntil()];
      const first = deliverDue(db, { send: async () => (await firstAnswer.held, new Response(null)), now: start });
      await vi.waitFor(async () => expect((await deliveryRow(db, id)).attempts).toBe(1));
      const second = deliverDue(db, {
        send: async () => (await secondAnswer.held, new Response(null, { status: 503 })),
        now: after(start, LEASE_MS),
      });
      await vi.waitFor(async () => expect((await deliveryRow(db, id)).attempts).toBe(2));
      // The first worker's 200 comes while the second's attempt is pending: it is no longer the delivery's attempt.
      firstAnswer.release();
      await first;
      expect(await deliveryRow(db, id)).toMatchObject({ status: "pending", attempts: 2, lastHttpStatus: null });
      secondAnswer.release();
      await second;
      expect(await deliveryRow(db, id)).toMatchObject({ status: "pending", attempts: 2, lastHttpStatus: 503 });
    });

    it("disables an integration whose URL refused three deliveries in a row, until it is saved again", async () => {
      const db = await backend.open();
      await slackIntegration(db, "alice", 1);
      const lead = async () => (await recordEvent(db, "alice", "lead.created", NEW_LEAD)).deliveryIds;
      const statusOf = async () => (await listIntegrations(db, "alice"))[0]!.status;
      // 405, 200, then 405 three times: only refusals in a row count.
      const { send, received } = scriptedReceiver(405, 200, 405, 405, 405);
      for (let sent = 0; sent < 4; sent++) {
        await lead();
        await deliverDue(db, { send });
      }
      expect(await statusOf()).toBe("active");
      await lead();
      expect(await deliverDue(db, { send })).toEqual([expect.objectContaining({ status: "failed" })]);
      expect(await statusOf()).toBe("refused");
      expect(await lead()).toEqual([]);
      expect(received).toHaveLength(5);
      await slackIntegration(db, "alice", 1);
      expect(await statusOf()).toBe("active");
      expect(await lead()).toHaveLength(1);
    });

    it("deliverNow sends only the deliveries it is given", async () => {
      const db = await backend.open();
      await slackIntegration(db, "alice", 1);
      const first = await recordEvent(db, "alice", "lead.created", { name: "first" });
      const second = await recordEvent(db, "alice", "lead.created", { name: "second" });
      const { send, received } = scriptedReceiver();

      expect(await deliverNow(db, first.deliveryIds, { send })).toEqual([
        { id: first.deliveryIds[0], status: "delivered" },
      ]);
      expect(received.map((request) => JSON.parse(request.body))).toEqual([{ name: "first" }]);
      expect(await deliverNow(db, first.deliveryIds, { send })).toEqual([]);
      expect(await deliverNow(db, [], { send })).toEqual([]);
      expect((await deliveryRow(db, second.deliveryIds[0]!)).status).toBe("pending");
    });

    it("lists an identity's own deliveries, newest first, with their events and without the callback URL", async () => {
      const db = await backend.open();
      await slackIntegration(db, "alice", 1);
      await slackIntegration(db, "bob", 2);
      const first = await recordEvent(db, "alice", "lead.created", { name: "first" });
      await recordEvent(db, "bob", "lead.created", { name: "bob's" });
      const second = await recordEvent(db, "alice", "lead.created", { name: "second" });
      await deliverNow(db, second.deliveryIds, { send: scriptedReceiver(503).send });

      const listed = await listDeliveries(db, "alice", 10);
      expect(listed).toEqual([
        expect.objectContaining({ eventId: second.eventId, eventPayload: { name: "second" }, status: "pending" }),
        expect.objectContaining({ eventId: first.eventId, eventPayload: { name: "first" }, status: "pending" }),
      ]);
      expect(listed[0]).toMatchObject({
        eventType: "lead.created",
        integrationId: 1,
        attempts: 1,
        lastHttpStatus: 503,
      });
      expect(JSON.stringify(listed)).not.toContain("t0k3n");
      expect(await listDeliveries(db, "alice", 1)).toHaveLength(1);
    });

    it.runIf(backend.concurrentTransactions)(
      "skips, not waits for, a delivery another worker is claiming",
      async () => {
        const [claiming, worker] = await backend.openTwo();
        await slackIntegration(claiming, "alice", 1);
        await slackIntegration(claiming, "alice", 2);
        const [locked, free] = (await recordEvent(claiming, "alice", "lead.created", NEW_LEAD)).deliveryIds;
        const { send, received } = scriptedReceiver();

        const outcome = await claiming.transaction(async (tx) => {
          await tx.select().from(deliveries).where(eq(deliveries.id, locked!)).for("update");
          return Promise.race([deliverDue(worker, { send }), sleep(2_000).then(() => "waited for the lock")]);
        });
        expect(outcome).toEqual([{ id: free, status: "delivered" }]);
        expect(received).toHaveLength(1);
      },
    );

    it("sends every delivery exactly once while two workers drain the outbox at the same time", async () => {
      const [first, second] = await backend.openTwo();
      for (let integrationId = 1; integrationId <= 8; integrationId++) {
        await slackIntegration(first, "alice", integrationId);
      }
      for (let lead = 1; lead <= 5; lead++) await recordEvent(first, "alice", "lead.created", { lead });
      const sentBy = { first: [] as string[], second: [] as string[] };
      const worker = (db: Database, sent: string[]) => async () => {
        const send: SendCallback = async (request) => {
          sent.push(request.headers["Idempotency-Key"]!);
          await sleep(5);
          return new Response(null, { status: 200 });
        };
        while ((await deliverDue(db, { send, limit: 3 })).length > 0);
      };

      await Promise.all([worker(first, sentBy.first)(), worker(second, sentBy.second)()]);

      const sent = [...sentBy.first, ...sentBy.second];
      expect(sent).toHaveLength(40);
      expect(new Set(sent).size).toBe(40);
      expect(sentBy.first.length).toBeGreaterThan(0);
      expect(sentBy.second.length).toBeGreaterThan(0);
      const rows = await first.select().from(deliveries);
      expect(rows.filter((row) => row.status === "delivered" && row.attempts === 1)).toHaveLength(40);
    });

    it(`keeps one lead's sends to ${SENDS_PER_LEAD} at a time, and the process's to ${SENDS_PER_PROCESS}`, async () => {
      const db = await backend.open();
      for (const identity of ["alice", "bob", "carol", "dave"]) {
        for (let integrationId = 1; integrationId <= 20; integrationId++) {
          await slackIntegration(db, identity, integrationId + (identity.charCodeAt(0) << 8));
        }
      }
      let inFlight = 0;
      let mostInFlight = 0;
      let mostForAlice = 0;
      let inFlightForAlice = 0;
      const keys: string[] = [];
      // Each send holds its slot for 50 ms: long enough for every claim below to run beside the others.
      const send: SendCallback = async (request) => {
        const alice = JSON.parse(request.body).name === "alice";
        inFlight++;
        inFlightForAlice += alice ? 1 : 0;
        mostInFlight = Math.max(mostInFlight, inFlight);
        mostForAlice = Math.max(mostForAlice, inFlightForAlice);
        keys.push(request.headers["Idempotency-Key"]!);
        await sleep(50);
        inFlight--;
        inFlightForAlice -= alice ? 1 : 0;
        return new Response(null, { status: 200 });
      };
      // Alice's lead alone first: its 20 deliveries go out 5 at a time.
      const alices = await recordEvent(db, "alice", "lead.created", { name: "alice" });
      expect(await deliverNow(db, alices.deliveryIds, { send })).toHaveLength(20);
      expect(mostForAlice).toBe(SENDS_PER_LEAD);
      // Then 80 at once, from three leads and two drains: never more than the process's slots in flight.
      const leads = await Promise.all(
        ["bob", "carol", "dave"].map((identity) => recordEvent(db, identity, "lead.created", { name: identity })),
      );
      await Promise.all([
        ...leads.map(({ deliveryIds }) => deliverNow(db, deliveryIds, { send })),
        deliverDue(db, { send, limit: 40 }),
        deliverDue(db, { send, limit: 40 }),
      ]);
      await drainDue(db, { send, budgetMs: 10_000 });
      expect(mostInFlight).toBeLessThanOrEqual(SENDS_PER_PROCESS);
      expect(mostInFlight).toBeGreaterThan(SENDS_PER_LEAD);
      expect(keys).toHaveLength(80);
      expect(new Set(keys).size).toBe(80);
      const rows = await db.select({ attempts: deliveries.attempts, status: deliveries.status }).from(deliveries);
      expect(rows.every(({ attempts, status }) => attempts === 1 && status === "delivered")).toBe(true);
    });

    it("sends what a lead wrote claimed with no claim of its own, once each, and the rest by claim", async () => {
      const db = await backend.open();
      for (let integrationId = 1; integrationId <= 7; integrationId++) {
        await slackIntegration(db, "alice", integrationId);
      }
      const { send, received } = scriptedReceiver();
      const slots = takeFreeSendSlots(SENDS_PER_LEAD);
      const { deliveryIds, claimed } = await recordEvent(db, "alice", "lead.created", NEW_LEAD, { claimUpTo: slots });
      expect(claimed).toHaveLength(SENDS_PER_LEAD);
      await deliverSoon(db, deliveryIds, { send }, claimed);
      expect(received).toHaveLength(7);
      const rows = await db.select({ attempts: deliveries.attempts, status: deliveries.status }).from(deliveries);
      expect(rows.every(({ attempts, status }) => attempts === 1 && status === "delivered")).toBe(true);
      // Every slot it held is free again.
      expect(takeFreeSendSlots(SENDS_PER_PROCESS)).toBe(SENDS_PER_PROCESS);
      releaseSendSlots(SENDS_PER_PROCESS);
    });

    it("starts no sweep after a lead whose deliveries were all sent, until one leaves some due", async () => {
      const db = await backend.open();
      await slackIntegration(db, "alice", 1);
      await slackIntegration(db, "bob", 2);
      const { send, received } = scriptedReceiver();
      // A sweep just ran and found nothing; then a lead of Bob's is written and left due, as by a crash.
      await sweepDue(db, { send });
      const bobs = await recordEvent(db, "bob", "lead.created", NEW_LEAD);
      // Alice's lead is sent whole by her request: sweeping for Bob's would cost a claim per lead, for nothing.
      const alices = await recordEvent(db, "alice", "lead.created", NEW_LEAD);
      await deliverSoon(db, alices.deliveryIds, { send });
      expect(received).toHaveLength(1);
      expect(await deliveryRow(db, bobs.deliveryIds[0]!)).toMatchObject({ status: "pending", attempts: 0 });
      // A lead that leaves one of its own due (here, claimed by another worker first) sweeps, and Bob's goes too.
      const carols = await recordEvent(db, "alice", "lead.created", NEW_LEAD);
      await claimDueDeliveries(db, new Date(), 1, carols.deliveryIds);
      await deliverSoon(db, carols.deliveryIds, { send });
      expect(await deliveryRow(db, bobs.deliveryIds[0]!)).toMatchObject({ status: "delivered", attempts: 1 });
    });

    it("leaves a lead's deliveries pending when the process has no free slot, for one sweep to send", async () => {
      const db = await backend.open();
      for (let integrationId = 1; integrationId <= 3; integrationId++)
        await slackIntegration(db, "alice", integrationId);
      // Every slot taken by sends that wait for a word from the test.
      const { send: answerNow, received } = scriptedReceiver();
      let unblock = () => {};
      const blocked = new Promise<void>((resolve) => (unblock = resolve));
      const held: SendCallback = async (request) => (await blocked, answerNow(request));
      for (let integrationId = 4; integrationId < 4 + SENDS_PER_PROCESS; integrationId++) {
        await slackIntegration(db, "bob", integrationId);
      }
      const bobs = await recordEvent(db, "bob", "lead.created", { name: "bob" });
      const sweeping = sweepDue(db, { send: held });
      await vi.waitFor(() => expect(received).toHaveLength(0));
      await vi.waitFor(async () => {
        const rows = await db.select({ attempts: deliveries.attempts }).from(deliveries);
        expect(rows.filter(({ attempts }) => attempts === 1)).toHaveLength(SENDS_PER_PROCESS);
      });
      // Alice's lead finds no free slot: nothing of hers is claimed, and nothing waits in memory for a slot.
      const alices = await recordEvent(db, "alice", "lead.created", { name: "alice" });
      const started = performance.now();
      await deliverSoon(db, alices.deliveryIds, { send: answerNow });
      expect(performance.now() - started).toBeLessThan(1_000);
      for (const id of alices.deliveryIds)
        expect(await deliveryRow(db, id)).toMatchObject({ status: "pending", attempts: 0 });
      // The running sweep goes round again once its sends are answered, and sends hers too.
      unblock();
      await sweeping;
      const statuses = await db.select({ status: deliveries.status }).from(deliveries);
      expect(statuses).toHaveLength(bobs.deliveryIds.length + 3);
      expect(statuses.every(({ status }) => status === "delivered")).toBe(true);
    });
  });
}
