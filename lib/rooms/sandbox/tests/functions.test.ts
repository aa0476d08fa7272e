import { beforeEach, describe, expect, it } from "vitest";

import { findSandboxRoute } from "@/lib/rooms/sandbox/contract";
import { handleSandboxRequest } from "@/lib/rooms/sandbox/handler";
import type { SandboxStore } from "@/lib/rooms/sandbox/store";

import { BASE, callSandbox, CONFIG, credentials, hashOf, ORIGIN, slackSaveBody } from "./sandbox-client";
import { sandboxStoresForThisFile } from "./stores";

const MAILCHIMP_SAVE = {
  template: 104,
  steps: [{ template_step: 1005, app_user_data: [{ template_field: 100501, value: "aud-1" }] }],
};
const INVALID_INPUT =
  "Could not call the function due to invalid input. Please see `error_details` for further information.";
const REQUIRED = "This parameter is required and must not be null or empty";
// Each identity's one account of an app, as /apps/<name>/get/ lists it.
const ALICE_SLACK_ACCOUNT = 892_977;
const BOB_SLACK_ACCOUNT = 502_440;
const ALICE_MAILCHIMP_ACCOUNT = 825_834;

const headersOf = async (userId: string) => ({
  "App-Key": CONFIG.appKey,
  "User-ID": userId,
  Hash: await hashOf(userId),
});
const ALICE = await headersOf("user-alice");
const BOB = await headersOf("user-bob");
const CAROL = await headersOf("user-carol");

const POST_MESSAGE = {
  name: "slack-post-message",
  description: "Sends a message to a channel",
  parameters: {
    type: "object",
    properties: {
      channel: {
        type: "string",
        description:
          "Select channel you want to post the message to. Call `slack-list-conversations` to get available channels",
      },
      text: { type: "string", description: "The message text to be posted to Slack" },
    },
    required: ["channel", "text"],
  },
};

interface ListJson {
  functions: { name: string; meta?: { type: string; app: { connected_accounts: unknown[] } } }[];
  _cursor: string | null;
}

interface CallJson {
  id: number;
  functionName: string;
  arguments: Record<string, unknown>;
  connectedAccountId: number | null;
  status: number;
  response: unknown;
  createdAt: string;
}

const IMPLEMENTATIONS = sandboxStoresForThisFile();

describe.each(IMPLEMENTATIONS)("Integry Functions in the sandbox, stored $name", ({ skip, open }) => {
  let store: SandboxStore;
  beforeEach((context) => {
    context.skip(skip, "no Postgres server here: apt-get install -y postgresql");
    store = open();
  });

  interface RestOptions {
    headers?: Record<string, string>;
    body?: unknown;
    rawBody?: string;
    functionsPageSize?: number;
  }

  /** POSTs to the sandbox's copy of Integry's REST API as a server would: `target` is below /rest. */
  function rest(target: string, options: RestOptions = {}): Promise<Response> {
    const url = new URL(`${BASE}/rest${target}`, ORIGIN);
    const path = url.pathname.slice(BASE.length).split("/").filter(Boolean);
    const body = options.rawBody ?? JSON.stringify(options.body ?? {});
    const headers = { "Content-Type": "application/json", ...(options.headers ?? ALICE) };
    const request = new Request(url, { method: "POST", headers, body });
    return handleSandboxRequest(request, path, CONFIG, store, {
      appsPageSize: 50,
      functionsPageSize: options.functionsPageSize,
    });
  }

  async function names(query: string, headers = ALICE): Promise<string[]> {
    const response = await rest(`/functions/list/${query}`, { headers });
    expect(response.status).toBe(200);
    return ((await response.json()) as ListJson).functions.map((fn) => fn.name);
  }

  async function save(userId: string, body: unknown = slackSaveBody("#sales", "New lead")) {
    const response = await callSandbox("POST", `/v2/integration/?${await credentials(userId)}`, { store, body });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: number; created_at: string };
  }

  async function calls(headers = ALICE): Promise<CallJson[]> {
    const response = await rest("/functions/calls/", { headers });
    expect(response.status).toBe(200);
    return ((await response.json()) as { calls: CallJson[] }).calls;
  }

  describe("listing", () => {
    it("lists every function by default, as Integry shapes them, on one page", async () => {
      const response = await rest("/functions/list/");
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      const page = (await response.json()) as ListJson;
      expect(page.functions.map((fn) => fn.name)).toEqual([
        "slack-list-conversations",
        "slack-post-message",
        "mailchimp-add-subscriber",
      ]);
      expect(page.functions[1]).toEqual(POST_MESSAGE);
      expect(page.functions[2]).toEqual({
        name: "mailchimp-add-subscriber",
        description: "Adds an email address to a Mailchimp audience as a subscribed member.",
        parameters: {
          type: "object",
          properties: {
            audience_id: {
              type: "string",
              description: "The audience to add the subscriber to. Found in Mailchimp under Audience settings.",
            },
            email: { type: "string", description: "The subscriber's email address." },
            tag: { type: "string", description: "A tag to give the subscriber." },
          },
          required: ["audience_id", "email"],
        },
      });
      expect(page._cursor).toBeNull();
    });

    it("with connected_only, lists only the functions of apps the identity's saved integrations use", async () => {
      expect(await names("?connected_only=true")).toEqual([]);
      await save("user-alice");
      expect(await names("?connected_only=true")).toEqual(["slack-list-conversations", "slack-post-message"]);
      await save("user-alice", MAILCHIMP_SAVE);
      expect(await names("?connected_only=1")).toEqual([
        "slack-list-conversations",
        "slack-post-message",
        "mailchimp-add-subscriber",
      ]);
      expect(await names("?connected_only=true", BOB)).toEqual([]);
      expect(await names("?connected_only=false", BOB)).toHaveLength(3);
    });

    it("filters by type, in either case, and by app", async () => {
      expect(await names("?type=QUERY")).toEqual(["slack-list-conversations"]);
      expect(await names("?type=action")).toEqual(["slack-post-message", "mailchimp-add-subscriber"]);
      expect(await names("?type=PASSTHROUGH")).toEqual([]);
      expect(await names("?app=slack")).toEqual(["slack-list-conversations", "slack-post-message"]);
      expect(await names("?app=Mailchimp")).toEqual(["mailchimp-add-subscriber"]);
      expect(await names("?app=trello")).toEqual([]);
      expect(await names("?app=slack&type=ACTION")).toEqual(["slack-post-message"]);
      const refused = await rest("/functions/list/?type=TRIGGER");
      expect([refused.status, await refused.json()]).toEqual([
        400,
        { type: ["Allowed values: QUERY, ACTION, PASSTHROUGH."] },
      ]);
    });

    it("pages by _cursor, null on the last page, and answers 404 to a forged cursor", async () => {
      const first = (await (await rest("/functions/list/", { functionsPageSize: 2 })).json()) as ListJson;
      expect([first.functions.map((fn) => fn.name), first._cursor]).toEqual([
        ["slack-list-conversations", "slack-post-message"],
        "b2Zmc2V0OjI",
      ]);
      const second = await rest("/functions/list/?_cursor=b2Zmc2V0OjI", { functionsPageSize: 2 });
      expect(await second.json()).toEqual({
        functions: [expect.objectContaining({ name: "mailchimp-add-subscriber" })],
        _cursor: null,
      });
      const forged = await rest("/functions/list/?_cursor=Zm9yZ2Vk");
      expect([forged.status, await forged.json()]).toEqual([404, { detail: "Invalid cursor" }]);
    });

    it("with include=meta, gives each function its type, its app, and the identity's accounts of that app", async () => {
      const saved = await save("user-alice");
      const page = (await (await rest("/functions/list/?include=meta")).json()) as ListJson;
      expect(page.functions[1]).toEqual({
        ...POST_MESSAGE,
        meta: {
          id: 3002,
          version: 1,
          type: "ACTION",
          ui: { title: "Post a message" },
          app: {
            id: 11,
            name: "slack",
            title: "Slack",
            icon_url: "/api/sandbox/icons/slack.svg",
            connected_accounts: [
              { id: ALICE_SLACK_ACCOUNT, display_name: "Slack account of user-alice", modified_at: saved.created_at },
            ],
          },
        },
      });
      expect(page.functions.map((fn) => [fn.meta?.type, fn.meta?.app.connected_accounts.length])).toEqual([
        ["QUERY", 1],
        ["ACTION", 1],
        ["ACTION", 0],
      ]);
    });
  });

  describe("getting one", () => {
    it("answers the function object, with meta when asked, or 404", async () => {
      const found = await rest("/functions/slack-post-message/get/");
      expect([found.status, await found.json()]).toEqual([200, POST_MESSAGE]);
      const withMeta = await rest("/functions/slack-list-conversations/get/?include=meta");
      expect(await withMeta.json()).toMatchObject({
        name: "slack-list-conversations",
        parameters: { type: "object", required: [] },
        meta: { type: "QUERY", app: { name: "slack", connected_accounts: [] } },
      });
      const unknown = await rest("/functions/slack-delete-workspace/get/");
      expect([unknown.status, await unknown.json()]).toEqual([404, { detail: "Function not found" }]);
    });
  });

  describe("calling", () => {
    it("runs a connected app's function with `_variables` filled in, and records it for that identity only", async () => {
      await save("user-alice");
      await save("user-bob");
      const response = await rest("/functions/slack-post-message/call/", {
        body: { channel: "#sales", text: "{first_name} just signed up!", _variables: { first_name: "Ada" } },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      const answer = await response.json();
      expect(answer).toEqual({
        network_code: "200",
        output: {
          ok: true,
          channel: "C0SANDBOX03",
          ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
          message: { type: "message", text: "Ada just signed up!", ts: expect.any(String) },
        },
      });
      expect(await calls()).toEqual([
        {
          id: expect.any(Number),
          functionName: "slack-post-message",
          arguments: { channel: "#sales", text: "Ada just signed up!" },
          connectedAccountId: ALICE_SLACK_ACCOUNT,
          status: 200,
          response: answer,
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
      ]);
      expect(await calls(BOB)).toEqual([]);
    });

    it("takes no body for a function without required parameters, and passes the app's own errors on as 200", async () => {
      await save("user-alice");
      const listed = await rest("/functions/slack-list-conversations/call", { rawBody: "" });
      expect(await listed.json()).toEqual({
        network_code: "200",
        output: {
          ok: true,
          channels: [
            { id: "C0SANDBOX01", name: "general", is_channel: true, is_private: false, num_members: 12 },
            { id: "C0SANDBOX02", name: "random", is_channel: true, is_private: false, num_members: 9 },
            { id: "C0SANDBOX03", name: "sales", is_channel: true, is_private: false, num_members: 4 },
          ],
          response_metadata: { next_cursor: "" },
        },
      });
      const privateChannels = await rest("/functions/slack-list-conversations/call/", {
        body: { types: "private_channel" },
      });
      expect(await privateChannels.json()).toMatchObject({
        output: { channels: [{ id: "G0SANDBOX04", name: "leadership" }] },
      });
      const nowhere = await rest("/functions/slack-post-message/call/", { body: { channel: "#nowhere", text: "Hi" } });
      expect([nowhere.status, await nowhere.json()]).toEqual([
        200,
        { network_code: "200", output: { ok: false, error: "channel_not_found" } },
      ]);
    });

    it("adds a Mailchimp subscriber for an identity that connected Mailchimp", async () => {
      await save("user-alice", MAILCHIMP_SAVE);
      const response = await rest("/functions/mailchimp-add-subscriber/call/", {
        body: { audience_id: "aud-1", email: "Ada@Example.com", tag: "vip" },
      });
      expect([response.status, await response.json()]).toEqual([
        200,
        {
          network_code: "200",
          output: {
            id: "3e3417d7ef77d5932a6734b916515ed5",
            email_address: "Ada@Example.com",
            status: "subscribed",
            list_id: "aud-1",
            tags: [{ name: "vip" }],
          },
        },
      ]);
      expect((await calls()).map((call) => call.connectedAccountId)).toEqual([ALICE_MAILCHIMP_ACCOUNT]);
    });

    it("answers 400 with error_details keyed by parameter for missing or mistyped arguments, and runs nothing", async () => {
      await save("user-alice");
      const missing = await rest("/functions/slack-post-message/call/", { body: {} });
      expect([missing.status, await missing.json()]).toEqual([
        400,
        { error: INVALID_INPUT, error_details: { channel: REQUIRED, text: REQUIRED } },
      ]);
      const mistyped = await rest("/functions/slack-post-message/call/", { body: { channel: 42, text: "" } });
      expect([mistyped.status, await mistyped.json()]).toEqual([
        400,
        { error: INVALID_INPUT, error_details: { channel: "This parameter must be a string", text: REQUIRED } },
      ]);
      const variables = await rest("/functions/slack-list-conversations/call/", { body: { _variables: "Ada" } });
      expect(await variables.json()).toEqual({
        error: INVALID_INPUT,
        error_details: { _variables: "This parameter must be an object" },
      });
      expect((await calls()).map((call) => [call.status, call.arguments])).toEqual([
        [400, {}],
        [400, { channel: 42, text: "" }],
        [400, {}],
      ]);
    });

    it("answers 400 with a list of error_details while the identity has not connected the function's app", async () => {
      await save("user-alice");
      const refused = await rest("/functions/mailchimp-add-subscriber/call/", {
        body: { audience_id: "aud-1", email: "ada@example.com" },
      });
      expect([refused.status, await refused.json()]).toEqual([
        400,
        {
          error: INVALID_INPUT,
          error_details: [
            "User has not connected their Mailchimp account. To connect an account, please call following SDK " +
              "method: `connect('mailchimp')`",
          ],
        },
      ]);
      expect(await calls()).toEqual([
        expect.objectContaining({ functionName: "mailchimp-add-subscriber", connectedAccountId: null, status: 400 }),
      ]);
      // One who never saved an integration has connected nothing, and leaves no trace.
      const carol = await rest("/functions/slack-post-message/call/", {
        headers: CAROL,
        body: { channel: "#sales", text: "Hi" },
      });
      expect(carol.status).toBe(400);
      expect(await calls(CAROL)).toEqual([]);
    });

    it("refuses another identity's connected_account_id, and takes the caller's own", async () => {
      await save("user-alice");
      await save("user-bob");
      const body = { channel: "#general", text: "Hi" };
      const bobs = await rest(`/functions/slack-post-message/call/?connected_account_id=${BOB_SLACK_ACCOUNT}`, {
        body,
      });
      expect([bobs.status, await bobs.json()]).toEqual([
        400,
        {
          error: INVALID_INPUT,
          error_details: [
            "User has not connected a Slack account with this connected_account_id. To connect an account, please " +
              "call following SDK method: `connect('slack')`",
          ],
        },
      ]);
      const own = await rest(`/functions/slack-post-message/call/?connected_account_id=${ALICE_SLACK_ACCOUNT}`, {
        body,
      });
      expect(own.status).toBe(200);
      expect((await calls()).map((call) => [call.status, call.connectedAccountId])).toEqual([
        [200, ALICE_SLACK_ACCOUNT],
        [400, null],
      ]);
      expect(await calls(BOB)).toEqual([]);
    });

    it("answers 404 to an unknown function, 400 to a body it cannot take, and records neither", async () => {
      await save("user-alice");
      const unknown = await rest("/functions/slack-delete-workspace/call/", { body: { channel: "#general" } });
      expect([unknown.status, await unknown.json()]).toEqual([404, { detail: "Function not found" }]);
      const bodies: [string, string][] = [
        ['["#general"]', "The body must be a JSON object: the function's arguments."],
        ['{"channel":', "JSON parse error: the request body is not valid JSON."],
        ['{"channel":"#gen\\u0000eral","text":"Hi"}', "The body may not contain \\u0000."],
      ];
      for (const [rawBody, detail] of bodies) {
        const refused = await rest("/functions/slack-post-message/call/", { rawBody });
        expect([refused.status, await refused.json()]).toEqual([400, { detail }]);
      }
      expect(await calls()).toEqual([]);
    });
  });

  describe("the calls listing", () => {
    it("lists only the caller's calls, newest first", async () => {
      await save("user-alice");
      await save("user-bob");
      for (const text of ["one", "two"]) {
        await rest("/functions/slack-post-message/call/", { body: { channel: "#general", text } });
      }
      await rest("/functions/slack-post-message/call/", { headers: BOB, body: { channel: "#random", text: "bob" } });
      expect((await calls()).map((call) => call.arguments.text)).toEqual(["two", "one"]);
      expect((await calls(BOB)).map((call) => call.arguments.text)).toEqual(["bob"]);
    });
  });

  describe("credentials", () => {
    const targets = [
      "/functions/list/",
      "/functions/slack-post-message/get/",
      "/functions/slack-post-message/call/",
      "/functions/calls/",
    ];

    it.each(targets)("accepts %s with credentials as query parameters", async (target) => {
      await save("user-alice");
      const response = await rest(`${target}?${await credentials("user-alice")}`, {
        headers: {},
        body: { channel: "#general", text: "Hi" },
      });
      expect(response.status).toBe(200);
    });

    it.each(targets)("answers 401 to %s with another user's hash, and records nothing", async (target) => {
      await save("user-alice");
      const response = await rest(target, { headers: { ...ALICE, Hash: BOB.Hash }, body: { channel: "#general" } });
      expect([response.status, await response.json()]).toEqual([
        401,
        { detail: "Invalid hash: expected HMAC-SHA256 of user_id keyed with the app secret." },
      ]);
      const anonymous = await rest(target, { headers: {} });
      expect(anonymous.status).toBe(401);
      expect(await calls()).toEqual([]);
    });

    it("answers 405 to GET", async () => {
      const get = new Request(`${ORIGIN}${BASE}/rest/functions/list/`, { headers: ALICE });
      expect((await handleSandboxRequest(get, ["rest", "functions", "list"], CONFIG, store)).status).toBe(405);
    });
  });
});

describe.each(IMPLEMENTATIONS)("the store's function calls, $name", ({ skip, open }) => {
  beforeEach((context) => context.skip(skip, "no Postgres server here: apt-get install -y postgresql"));

  const draft = {
    flowId: 101,
    name: "Send new leads to Slack",
    status: "ACTIVE" as const,
    values: new Map([[1001, new Map([[100101, "#sales"]])]]),
  };
  const call = (text: string) => ({
    functionName: "slack-post-message",
    arguments: { channel: "#sales", text },
    connectedAccountId: 892_977,
    status: 200,
    response: { network_code: "200", output: { ok: true } },
  });

  it("keeps each identity's newest calls up to the cap", async () => {
    const store = open({ maxFunctionCallsPerIdentity: 2 });
    await store.create("user-1", draft);
    for (const text of ["a", "b", "c"]) await store.recordFunctionCall("user-1", call(text));
    const texts = (await store.listFunctionCalls("user-1", 50)).map((kept) => kept.arguments.text);
    expect(texts).toEqual(["c", "b"]);
  });

  it("records nothing for an identity it does not know", async () => {
    const store = open();
    expect(await store.recordFunctionCall("nobody", call("a"))).toBeUndefined();
    expect(await store.listFunctionCalls("nobody", 50)).toEqual([]);
  });

  it("forgets an evicted identity's calls with it", async () => {
    const store = open({ maxIdentities: 1 });
    await store.create("user-1", draft);
    await store.recordFunctionCall("user-1", call("a"));
    await store.create("user-2", draft);
    expect(await store.listFunctionCalls("user-1", 50)).toEqual([]);
  });
});

describe("the functions' routes", () => {
  it("tells the calls listing from a function named in the path", () => {
    expect(findSandboxRoute("POST", "/rest/functions/list/")).toMatchObject({ route: { name: "rest-list-functions" } });
    expect(findSandboxRoute("POST", "/rest/functions/calls")).toMatchObject({
      route: { name: "rest-list-function-calls" },
    });
    expect(findSandboxRoute("POST", "/rest/functions/slack-post-message/get")).toMatchObject({
      route: { name: "rest-get-function" },
      id: "slack-post-message",
    });
    expect(findSandboxRoute("POST", "/rest/functions/slack-post-message/call/")).toMatchObject({
      route: { name: "rest-call-function" },
      id: "slack-post-message",
    });
    expect(findSandboxRoute("POST", "/rest/functions/slack-post-message/")).toBe("not_found");
  });
});
