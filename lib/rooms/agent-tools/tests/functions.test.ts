import { describe, expect, it } from "vitest";

import type { IntegryApiOptions } from "@/lib/integry/server/rest-request";
import { callFunction, getFunction, listFunctions, MAX_FUNCTION_PAGES } from "@/lib/rooms/agent-tools/functions";

const credentials = { appKey: "app-key-1", userId: "user-alice", hash: "b".repeat(64) };

interface Received {
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: Record<string, unknown>;
}

/** An Integry answering each request with `answer(request, index)`: JSON with a status, as its docs show them. */
function fakeIntegry(answer: (request: Received, index: number) => { status?: number; body: unknown }) {
  const received: Received[] = [];
  const fetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(String(input));
    const request = {
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init?.headers),
      body: JSON.parse(String(init?.body)) as Record<string, unknown>,
    };
    received.push(request);
    const { status = 200, body } = answer(request, received.length - 1);
    return Response.json(body, { status });
  }) as typeof globalThis.fetch;
  const options: IntegryApiOptions = { baseUrl: "https://api.integry.test", fetch, sleep: async () => {} };
  return { received, options };
}

// Integry's documented sample (api-reference.md, "Call a function"), shortened.
const POST_MESSAGE = {
  name: "slack-post-message",
  description: "Sends a message to a channel",
  parameters: {
    type: "object",
    properties: {
      channel: { type: "string", description: "Select channel you want to post the message to." },
      text: { type: "string", description: "The message text to be posted to Slack" },
    },
    required: ["channel", "text"],
  },
  meta: { type: "ACTION", app: { name: "slack", title: "Slack" } },
};
const LIST_CHANNELS = {
  name: "slack-list-channels",
  description: "Lists the channels",
  parameters: { type: "object", properties: {}, required: [] },
};

describe("listFunctions", () => {
  it("asks for the identity's connected apps' functions with meta, page after page, with the documented headers", async () => {
    const integry = fakeIntegry((_, index) =>
      index === 0
        ? { body: { functions: [POST_MESSAGE], _cursor: "page-2" } }
        : { body: { functions: [LIST_CHANNELS], _cursor: null } },
    );
    const functions = await listFunctions(credentials, integry.options);
    expect(functions.map(({ name }) => name)).toEqual(["slack-post-message", "slack-list-channels"]);
    expect(functions[0]!.meta).toEqual({ type: "ACTION", app: { name: "slack", title: "Slack" } });
    expect(integry.received.map(({ path }) => path)).toEqual(["/functions/list/", "/functions/list/"]);
    const [first, second] = integry.received;
    expect(first!.query.get("connected_only")).toBe("true");
    expect(first!.query.get("include")).toBe("meta");
    expect(first!.query.has("_cursor")).toBe(false);
    expect(second!.query.get("_cursor")).toBe("page-2");
    expect(second!.body).toEqual({ _cursor: "page-2" });
    expect(first!.headers.get("App-Key")).toBe("app-key-1");
    expect(first!.headers.get("User-ID")).toBe("user-alice");
    expect(first!.headers.get("Hash")).toBe("b".repeat(64));
  });

  it("passes the type and app filters, and all functions when asked", async () => {
    const integry = fakeIntegry(() => ({ body: { functions: [], _cursor: null } }));
    await listFunctions(credentials, integry.options, { connectedOnly: false, type: "QUERY", app: "slack" });
    const { query } = integry.received[0]!;
    expect([query.get("connected_only"), query.get("type"), query.get("app")]).toEqual(["false", "QUERY", "slack"]);
  });

  it(`stops at ${MAX_FUNCTION_PAGES} pages, and at a repeated cursor, rather than list forever`, async () => {
    const endless = fakeIntegry((_, index) => ({ body: { functions: [], _cursor: `page-${index + 2}` } }));
    await expect(listFunctions(credentials, endless.options)).rejects.toMatchObject({ code: "too_many_pages" });
    expect(endless.received).toHaveLength(20);
    const looping = fakeIntegry(() => ({ body: { functions: [], _cursor: "same" } }));
    await expect(listFunctions(credentials, looping.options)).rejects.toMatchObject({ code: "malformed" });
  });

  it("refuses an answer without the documented shape, naming where", async () => {
    const integry = fakeIntegry(() => ({ body: { functions: [{ name: "x", parameters: { type: "string" } }] } }));
    await expect(listFunctions(credentials, integry.options)).rejects.toMatchObject({
      code: "malformed",
      message: "Integry's functions list did not have the documented shape (at functions.0.parameters.type).",
    });
  });
});

describe("getFunction", () => {
  it("answers the one function, or not_found for Integry's 404", async () => {
    const integry = fakeIntegry((request) =>
      request.path === "/functions/slack-post-message/get/"
        ? { body: POST_MESSAGE }
        : { status: 404, body: { detail: "Function not found" } },
    );
    expect((await getFunction(credentials, integry.options, "slack-post-message")).parameters.required).toEqual([
      "channel",
      "text",
    ]);
    await expect(getFunction(credentials, integry.options, "slack-nothing")).rejects.toMatchObject({
      code: "not_found",
      message: "Integry has no function slack-nothing.",
    });
  });
});

describe("callFunction", () => {
  it("sends the arguments at the top level, the variables as _variables and the account in the query", async () => {
    const integry = fakeIntegry(() => ({ body: { network_code: "200", output: { ok: true, channel: "C6F3LQ03A" } } }));
    const result = await callFunction(credentials, integry.options, {
      name: "slack-post-message",
      arguments: { channel: "random", text: "{first_name} signed up", _cursor: "smuggled" },
      variables: { first_name: "Ada" },
      connectedAccountId: "247714",
    });
    expect(result).toEqual({ network_code: "200", output: { ok: true, channel: "C6F3LQ03A" } });
    const [request] = integry.received;
    expect(request!.path).toBe("/functions/slack-post-message/call/");
    expect(request!.body).toEqual({
      channel: "random",
      text: "{first_name} signed up",
      _variables: { first_name: "Ada" },
    });
    expect(request!.query.get("connected_account_id")).toBe("247714");
    expect(request!.query.get("user_id")).toBe("user-alice");
  });

  it("reads a numeric network_code as the docs' string, and an app's own failure as a result, not an error", async () => {
    const integry = fakeIntegry(() => ({ body: { network_code: 400, output: { success: false } } }));
    expect(await callFunction(credentials, integry.options, { name: "slack-post-message", arguments: {} })).toEqual({
      network_code: "400",
      output: { success: false },
    });
  });

  it("maps Integry's refusals: an app not connected, arguments missing", async () => {
    const notConnected = fakeIntegry(() => ({
      status: 400,
      body: {
        error: "Could not call the function due to invalid input. Please see `error_details` for further information.",
        error_details: ["User has not connected their Pipedrive account."],
      },
    }));
    await expect(
      callFunction(credentials, notConnected.options, { name: "pipedrive-add-deal", arguments: {} }),
    ).rejects.toMatchObject({
      code: "not_connected",
      message: "Integry did not run pipedrive-add-deal: User has not connected their Pipedrive account.",
    });
    const missing = fakeIntegry(() => ({
      status: 400,
      body: {
        error: "Could not call the function due to invalid input.",
        error_details: { channel: "This parameter is required and must not be null or empty" },
      },
    }));
    await expect(
      callFunction(credentials, missing.options, { name: "slack-post-message", arguments: {} }),
    ).rejects.toMatchObject({
      code: "invalid_arguments",
      message:
        "Integry did not run slack-post-message: channel: This parameter is required and must not be null or empty",
    });
  });

  it("never repeats a call after a 503 (it may have run), and blanks the hash out of what Integry said", async () => {
    const integry = fakeIntegry(() => ({ status: 503, body: { detail: `overloaded for ${"b".repeat(64)}` } }));
    const refusal = callFunction(credentials, integry.options, { name: "slack-post-message", arguments: {} });
    await expect(refusal).rejects.toMatchObject({ code: "unavailable" });
    await expect(refusal).rejects.not.toThrow("b".repeat(64));
    expect(integry.received).toHaveLength(1);
  });

  it("calls the rejected hash a rejected hash", async () => {
    const integry = fakeIntegry(() => ({
      status: 403,
      body: { detail: "Authentication credentials were not provided." },
    }));
    await expect(
      callFunction(credentials, integry.options, { name: "slack-post-message", arguments: {} }),
    ).rejects.toMatchObject({ code: "rejected", status: 403 });
  });
});
