import { expect, test } from "@playwright/test";

import { paramsLoadTest } from "../load/params-load-test";

import { E2E_NEXTAUTH_SECRET, MAIN } from "../support/servers";
import { signInDemoUsers } from "../support/sessions";

// The short form of `npm run load`: every response under concurrent load is checked, so a
// session or hash crossed between users (shared state in the route) fails the suite.
test("under load, every user gets only their own hash, with no error and no non-2xx", async () => {
  test.setTimeout(60_000);
  const users = await signInDemoUsers(MAIN.url);
  expect(new Set(users.map((user) => user.userId)).size).toBe(users.length);

  const runs = await paramsLoadTest({
    url: MAIN.url,
    users,
    nextAuthSecret: E2E_NEXTAUTH_SECRET,
    connectionCounts: [16, 64],
    durationSeconds: 3,
    log: (line) => test.info().annotations.push({ type: "load", description: line }),
  });
  for (const run of runs) expect(run.checked).toBeGreaterThan(100);
});
