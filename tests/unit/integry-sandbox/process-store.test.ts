import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";

import { connectDatabase, processDatabase } from "@/lib/db/client";
import { handleSandboxRequest } from "@/lib/optional/sandbox/handler";
import { createPostgresSandboxStore } from "@/lib/optional/sandbox/postgres-store";
import { processSandboxStore } from "@/lib/optional/sandbox/process-store";

import { createDatabase } from "../../support/postgres";
import { POSTGRES_URL } from "../postgres-database";
import { BASE, CONFIG, credentials, ORIGIN, slackSaveBody } from "./sandbox-client";

afterEach(() => vi.unstubAllEnvs());

// What the route does: no store passed, so the handler picks this process's.
function saveThroughTheRoute(userId: string): Promise<Response> {
  const request = new Request(`${ORIGIN}${BASE}/v2/integration/?${credentials(userId)}`, {
    method: "POST",
    body: JSON.stringify(slackSaveBody("#sales", "New lead")),
    headers: { "Content-Type": "application/json" },
  });
  return handleSandboxRequest(request, ["v2", "integration"], CONFIG);
}

describe("the sandbox's store for this process", () => {
  it("is one store in this process's memory while DATABASE_URL is unset", async () => {
    vi.stubEnv("DATABASE_URL", "");
    expect((await saveThroughTheRoute("user-in-memory")).status).toBe(201);
    expect(processSandboxStore()).toBe(processSandboxStore());
    expect(await processSandboxStore().list("user-in-memory")).toEqual([
      expect.objectContaining({ flowId: 101, name: "Send new leads to Slack" }),
    ]);
  });

  it.skipIf(POSTGRES_URL === "")("is in Postgres at DATABASE_URL, where another instance sees its saves", async () => {
    const database = await createDatabase(POSTGRES_URL);
    const otherInstance = connectDatabase(database.url);
    onTestFinished(async () => {
      await Promise.all([processDatabase(database.url).close(), otherInstance.close()]);
      await database.drop();
    });
    vi.stubEnv("DATABASE_URL", database.url);
    expect((await saveThroughTheRoute("user-in-postgres")).status).toBe(201);

    const store = createPostgresSandboxStore(() => otherInstance.open());
    expect(await store.list("user-in-postgres")).toEqual([
      expect.objectContaining({ flowId: 101, name: "Send new leads to Slack" }),
    ]);
  });
});
