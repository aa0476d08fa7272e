import { inspect } from "node:util";

import { describe, expect, it } from "vitest";

import { listConnectedApps, type IntegryApiError } from "@/lib/rooms/connected-apps/api";

import { CREDENTIALS, errorOf, refusedBaseUrl, fakeIntegryPerTest, type FakeAnswer } from "./fake-integry";

const OK: FakeAnswer = { status: 200, body: { apps: [] } };
const UNAVAILABLE: FakeAnswer = { status: 503, body: { detail: "Service unavailable." } };
const serve = fakeIntegryPerTest();

describe("timeouts and retries", () => {
  it("gives up on a server that never answers after timeoutMs, each attempt", async () => {
    const { options } = await serve(() => "hang", { timeoutMs: 100, maxRetries: 1 });
    // Counted where they start: on a loaded machine the server may not see an attempt before it is aborted.
    let attempts = 0;
    const counting: typeof fetch = (input, init) => (attempts++, fetch(input, init));
    const started = Date.now();
    const error = await errorOf(listConnectedApps(CREDENTIALS, { ...options, fetch: counting }));
    expect([error.code, error.message]).toEqual(["timeout", "Integry did not answer within 100 ms: try again later."]);
    expect(attempts).toBe(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("retries a 503 after a jittered backoff, then succeeds", async () => {
    const { requests, waits, options } = await serve((_, index) => (index === 0 ? UNAVAILABLE : OK));
    expect(await listConnectedApps(CREDENTIALS, options)).toEqual([]);
    expect(requests).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(150);
    expect(waits[0]).toBeLessThanOrEqual(300);
  });

  it("stops after 1 + maxRetries attempts, waiting longer each time", async () => {
    const { requests, waits, options } = await serve(() => UNAVAILABLE, { maxRetries: 2 });
    const error = await errorOf(listConnectedApps(CREDENTIALS, options));
    expect([error.code, error.status]).toEqual(["unavailable", 503]);
    expect(requests).toHaveLength(3);
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThanOrEqual(300);
    expect(waits[1]).toBeLessThanOrEqual(600);
  });

  it("waits as long as Retry-After says, in seconds or as an HTTP date", async () => {
    const inFiveSeconds = new Date(Date.now() + 5_000).toUTCString();
    const answers: FakeAnswer[] = [
      { status: 429, headers: { "Retry-After": "3" } },
      { status: 503, headers: { "Retry-After": inFiveSeconds } },
      OK,
    ];
    const { requests, waits, options } = await serve((_, index) => answers[index] ?? OK);
    expect(await listConnectedApps(CREDENTIALS, options)).toEqual([]);
    expect(requests).toHaveLength(3);
    expect(waits[0]).toBe(3_000);
    expect(waits[1]).toBeGreaterThan(3_000);
    expect(waits[1]).toBeLessThanOrEqual(5_000);
  });

  it("does not retry when Retry-After asks for more than 10 s", async () => {
    const { requests, waits, options } = await serve(() => ({ status: 429, headers: { "Retry-After": "60" } }));
    expect((await errorOf(listConnectedApps(CREDENTIALS, options))).code).toBe("rate_limited");
    expect([requests.length, waits]).toEqual([1, []]);
  });

  it.each([400, 401, 403, 404])("does not retry HTTP %i", async (status) => {
    const { requests, options } = await serve(() => ({ status, body: { detail: "No." } }));
    expect((await errorOf(listConnectedApps(CREDENTIALS, options))).status).toBe(status);
    expect(requests).toHaveLength(1);
  });
});

const REJECTED =
  "check that INTEGRY_APP_SECRET belongs to INTEGRY_APP_KEY and that the hash was computed for this user ID under INTEGRY_SCOPE.";

const FAILURES: [string, FakeAnswer, string, string][] = [
  [
    "400",
    { status: 400, body: { detail: "Authentication credentials were not provided." } },
    "rejected",
    `Integry rejected the app key or hash (HTTP 400): ${REJECTED} Integry said: "Authentication credentials were not provided."`,
  ],
  ["401", { status: 401, body: {} }, "rejected", `Integry rejected the app key or hash (HTTP 401): ${REJECTED}`],
  [
    "403 quoting the hash",
    { status: 403, body: { detail: `Invalid hash ${CREDENTIALS.hash} for test-app-key-7f3a.` } },
    "rejected",
    `Integry rejected the app key or hash (HTTP 403): ${REJECTED} Integry said: "Invalid hash [redacted] for [redacted]."`,
  ],
  [
    "404",
    { status: 404, body: { detail: "App not found" } },
    "not_found",
    'Integry has no apps list at this base URL: check the API base URL (HTTP 404). Integry said: "App not found"',
  ],
  [
    "429",
    { status: 429, rawBody: "Too many requests" },
    "rate_limited",
    "Integry is rate-limiting this app (HTTP 429): call less often or cache the answer, then try again later.",
  ],
  ["500", { status: 500, rawBody: "<html>" }, "unavailable", "Integry could not answer (HTTP 500): try again later."],
  [
    "a redirect",
    { status: 302, headers: { Location: "https://elsewhere.test/" } },
    "unavailable",
    "Integry answered with a redirect (HTTP 302), which is not followed: check the API base URL.",
  ],
  [
    "malformed JSON",
    { status: 200, rawBody: '{"id": 4' },
    "malformed",
    "Integry answered with a body that is not JSON.",
  ],
  [
    "the wrong shape",
    { status: 200, body: { apps: [{ id: 491, name: "slack", connected_accounts: [{ id: "1" }] }] } },
    "malformed",
    "Integry's answer is not the shape this client expects (apps[0].title is not a string): its API may have changed.",
  ],
];

function expectNoCredentials(error: IntegryApiError) {
  for (const view of [error.message, error.stack ?? "", String(error), inspect(error), JSON.stringify(error)]) {
    for (const secret of [CREDENTIALS.hash, CREDENTIALS.appKey, "user_id=", "127.0.0.1"]) {
      expect(view).not.toContain(secret);
    }
  }
}

describe("errors", () => {
  it.each(FAILURES)("maps %s to a typed error that says what to do", async (_, answer, kind, message) => {
    const { options } = await serve(() => answer, { maxRetries: 0 });
    const error = await errorOf(listConnectedApps(CREDENTIALS, options));
    expect([error.code, error.message]).toEqual([kind, message]);
    expectNoCredentials(error);
  });

  it("maps a refused connection to unreachable", async () => {
    const options = { baseUrl: await refusedBaseUrl(), maxRetries: 0 };
    const error = await errorOf(listConnectedApps(CREDENTIALS, options));
    expect([error.code, error.status, error.message]).toEqual([
      "unreachable",
      undefined,
      "Could not reach Integry's API (ECONNREFUSED): check the API base URL and that this server can make outbound requests.",
    ]);
    expectNoCredentials(error);
  });
});
