import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";

import { connectDatabase, openPgliteDatabase } from "@/lib/db/client";
import { handleSandboxRequest } from "@/lib/rooms/sandbox/handler";
import { createPostgresSandboxStore } from "@/lib/rooms/sandbox/postgres-store";
import { processSandboxStore } from "@/lib/rooms/sandbox/process-store";
import { SANDBOX_CALLBACK_ORIGIN } from "@/lib/rooms/sandbox/run-urls";

import { callbackUrlOf } from "@/tests/support/slack-flow";
import { POSTGRES_URL } from "@/tests/support/databases";
import {
  embeddedAppDatabaseForThisTest,
  PGLITE_START_TIMEOUT_MS,
  postgresAppDatabaseForThisTest,
} from "@/tests/support/databases";
import { BASE, callSandbox, CONFIG, credentials, ORIGIN, slackSaveBody } from "./sandbox-client";

afterEach(() => vi.unstubAllEnvs());

// What the route does: no store passed, so the handler picks this process's.
async function saveThroughTheRoute(userId: string): Promise<Response> {
  const request = new Request(`${ORIGIN}${BASE}/v2/integration/?${await credentials(userId)}`, {
    method: "POST",
    body: JSON.stringify(slackSaveBody("#sales", "New lead")),
    headers: { "Content-Type": "application/json" },
  });
  return handleSandboxRequest(request, ["v2", "integration"], CONFIG);
}

describe("the sandbox's store for this process", () => {
  it("is one store in this process's memory on Vercel in production without DATABASE_URL", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("VERCEL", "1");
    vi.stubEnv("DATABASE_URL", "");
    expect((await saveThroughTheRoute("user-in-memory")).status).toBe(201);
    expect(processSandboxStore()).toBe(processSandboxStore());
    expect(await processSandboxStore().list("user-in-memory")).toEqual([
      expect.objectContaining({ flowId: 101, name: "Send new leads to Slack" }),
    ]);
  });

  it(
    "is the embedded PGlite elsewhere without DATABASE_URL: an integration saved before a restart runs after it",
    async () => {
      const { dataDir, db } = await embeddedAppDatabaseForThisTest();
      const endpoint = callbackUrlOf(await (await saveThroughTheRoute("user-before-restart")).json());
      await db.$client.close();

      // The restarted process: the same folder opened anew, and a store of its own over it.
      const reopened = await openPgliteDatabase(dataDir);
      onTestFinished(() => reopened.$client.close());
      const store = createPostgresSandboxStore(async () => reopened);
      const run = await callSandbox("POST", endpoint.slice(SANDBOX_CALLBACK_ORIGIN.length + BASE.length), {
        store,
        body: { lead: "Ada" },
        headers: { "Idempotency-Key": "lead-1" },
      });
      expect(run.status).toBe(200);
      expect(await store.listRuns("user-before-restart", undefined, 50)).toEqual([
        expect.objectContaining({ idempotencyKey: "lead-1", payload: { lead: "Ada" } }),
      ]);
    },
    PGLITE_START_TIMEOUT_MS,
  );

  it.skipIf(POSTGRES_URL === "")("is in Postgres at DATABASE_URL, where another instance sees its saves", async () => {
    const { url } = await postgresAppDatabaseForThisTest();
    const otherInstance = connectDatabase(url);
    onTestFinished(() => otherInstance.close());
    expect((await saveThroughTheRoute("user-in-postgres")).status).toBe(201);

    const store = createPostgresSandboxStore(() => otherInstance.open());
    expect(await store.list("user-in-postgres")).toEqual([
      expect.objectContaining({ flowId: 101, name: "Send new leads to Slack" }),
    ]);
  });
});
