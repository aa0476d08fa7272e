import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  backoffMs,
  decideAfterAttempt,
  MAX_ATTEMPTS,
  retryAfterMs,
  type AttemptResult,
} from "@/lib/rooms/flows/retry-policy";

const NOW = new Date("2026-03-02T10:00:00Z");
const MINUTE = 60_000;
const half = () => 0.5;
const response = (httpStatus: number, retryAfter: string | null = null): AttemptResult => ({ httpStatus, retryAfter });
const decide = (result: AttemptResult, attemptsMade = 1, random = half) =>
  decideAfterAttempt(result, attemptsMade, { now: NOW, random });

// mulberry32: a seeded stream, so a failure replays with the same draws.
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The policy, written out: after the n-th attempt, the wait is drawn from [0, ceiling) whole milliseconds, the
// ceiling doubling from 2 minutes and capped at 30.
const DELAY_BOUNDS_MS: Record<number, [min: number, max: number]> = {
  1: [0, 119_999],
  2: [0, 239_999],
  3: [0, 479_999],
  4: [0, 959_999],
  5: [0, 1_799_999],
  6: [0, 1_799_999],
};
const almostOne = () => 1 - Number.EPSILON;

describe("backoffMs", () => {
  it.each(Object.entries(DELAY_BOUNDS_MS))("after attempt %s, waits between %j ms", (attempts, [min, max]) => {
    expect(backoffMs(Number(attempts), () => 0)).toBe(min);
    expect(backoffMs(Number(attempts), almostOne)).toBe(max);
  });

  it("waits at most an hour in all over the five retries", () => {
    const longest = [1, 2, 3, 4, 5].map((attempts) => backoffMs(attempts, almostOne));
    expect(longest.reduce((sum, ms) => sum + ms)).toBeLessThan(60 * MINUTE);
  });

  it("draws the whole range below the ceiling (full jitter)", () => {
    expect(backoffMs(1, half)).toBe(1 * MINUTE);
    expect(backoffMs(3, () => 0.25)).toBe(2 * MINUTE);
  });

  it("stays within its attempt's bounds, in whole milliseconds, for any draw of a seeded stream", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: MAX_ATTEMPTS }), (seed, attempts) => {
        const delay = backoffMs(attempts, seeded(seed));
        const [min, max] = DELAY_BOUNDS_MS[attempts]!;
        return Number.isInteger(delay) && delay >= min && delay <= max;
      }),
    );
  });

  it("spreads a seeded stream's retries rather than bunching them", () => {
    const random = seeded(18);
    const delays = Array.from({ length: 200 }, () => backoffMs(1, random));
    expect(new Set(delays).size).toBeGreaterThan(190);
    expect(Math.min(...delays)).toBeLessThan(12_000);
    expect(Math.max(...delays)).toBeGreaterThan(108_000);
  });
});

describe("retryAfterMs", () => {
  it.each([
    [null, undefined],
    ["", undefined],
    ["120", 120_000],
    [" 5 ", 5_000],
    ["0", 0],
    ["Mon, 02 Mar 2026 10:10:00 GMT", 10 * MINUTE],
    ["Mon, 02 Mar 2026 09:00:00 GMT", 0],
    ["999999999", 60 * MINUTE],
    ["-5", undefined],
    ["1.5", undefined],
    ["soon", undefined],
    ["Mon, 32 Mar 2026 10:10:00 GMT", undefined],
    ["2026-03-02T10:10:00Z", undefined],
  ])("reads %j as %j ms", (header, expected) => {
    expect(retryAfterMs(header, NOW)).toBe(expected);
  });
});

describe("decideAfterAttempt", () => {
  it.each([200, 201, 202, 204, 299])("%i: delivered", (status) => {
    expect(decide(response(status))).toEqual({ status: "delivered" });
  });

  it.each([404, 410])("%i: failed at once, and the integration is gone", (status) => {
    expect(decide(response(status))).toEqual({ status: "failed", integrationGone: true });
  });

  it.each([0, 101, 301, 302, 400, 401, 403, 405, 409, 413, 422])(
    "%i: failed at once, a refusal that counts towards disabling the integration",
    (status) => {
      expect(decide(response(status))).toEqual({ status: "failed", integrationGone: false, refused: true });
    },
  );

  it.each([
    ["408", response(408)],
    ["429", response(429)],
    ["500", response(500)],
    ["502", response(502)],
    ["503", response(503)],
    ["a timeout", { error: "timeout" } as const],
    ["a network error", { error: "network" } as const],
  ])("%s: retried after the jittered backoff", (_, result) => {
    expect(decide(result, 1)).toEqual({ status: "pending", retryInMs: 1 * MINUTE });
    expect(decide(result, 4)).toEqual({ status: "pending", retryInMs: 8 * MINUTE });
  });

  it("retries five times, then fails on the sixth attempt", () => {
    const statuses = [1, 2, 3, 4, 5, 6].map((attempts) => decide(response(503), attempts).status);
    expect(statuses).toEqual(["pending", "pending", "pending", "pending", "pending", "failed"]);
    expect(decide({ error: "timeout" }, MAX_ATTEMPTS)).toEqual({ status: "failed", integrationGone: false });
  });

  it("waits for Retry-After when it is longer than the backoff, and for the backoff when it is longer", () => {
    expect(decide(response(429, "600"))).toEqual({ status: "pending", retryInMs: 10 * MINUTE });
    expect(decide(response(503, "Mon, 02 Mar 2026 10:05:00 GMT"))).toEqual({
      status: "pending",
      retryInMs: 5 * MINUTE,
    });
    expect(decide(response(429, "1"))).toEqual({ status: "pending", retryInMs: 1 * MINUTE });
  });

  it("gives up after the last attempt even when Retry-After asks for another", () => {
    expect(decide(response(429, "60"), MAX_ATTEMPTS)).toEqual({ status: "failed", integrationGone: false });
  });
});
