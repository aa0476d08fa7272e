import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expect, test } from "@playwright/test";
import { Agent, fetch as undiciFetch } from "undici";

import { withTwoInstancesOnPostgres } from "../support/round-robin-proxy";
import { startHttpsProxy } from "../support/https-proxy";
import { sandboxEnv, startServer, withSandboxServer } from "../support/servers";
import { signInDemoUsers, type DemoSession } from "../support/sessions";
import { connectSlackInSandbox } from "../support/slack-flow";

interface Params {
  appKey: string;
  userId: string;
  hash: string;
}

const paramsOf = async (url: string, user: DemoSession) =>
  (await (await fetch(`${url}/api/integry-params`, { headers: { cookie: user.cookie } })).json()) as Params;

const sandboxAuth = ({ appKey, userId, hash }: Params) =>
  new URLSearchParams({ app_key: appKey, user_id: userId, hash }).toString();

/** What the sandbox recorded of an identity's function calls, newest first. */
async function callsOf(url: string, user: DemoSession) {
  const listed = await fetch(`${url}/api/sandbox/rest/functions/calls/?${sandboxAuth(await paramsOf(url, user))}`, {
    method: "POST",
  });
  return ((await listed.json()) as { calls: { functionName: string; arguments: unknown }[] }).calls;
}

async function createToken(url: string, user: DemoSession, name = "e2e agent") {
  const response = await fetch(`${url}/api/agent-tools/tokens`, {
    method: "POST",
    headers: { cookie: user.cookie, "content-type": "application/json", origin: url },
    body: JSON.stringify({ name }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: number; token: string };
}

/** The MCP SDK's own client over its Streamable HTTP transport, as Claude Code or Cursor would connect. */
async function mcpClient(url: string, token: string): Promise<Client> {
  const client = new Client({ name: "e2e-agent", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${url}/api/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};

const rawMcp = (url: string, headers: Record<string, string>, body: string = JSON.stringify(INITIALIZE)) =>
  fetch(`${url}/api/mcp`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body,
  });

test("an MCP client lists exactly the user's connected apps' functions and runs one as that user only", async () => {
  await withSandboxServer(3211, {}, async (server) => {
    const [alice, bob] = await signInDemoUsers(server.url);
    await connectSlackInSandbox(server.url, alice!.cookie);
    const aliceClient = await mcpClient(server.url, (await createToken(server.url, alice!)).token);
    const bobClient = await mcpClient(server.url, (await createToken(server.url, bob!)).token);

    const { tools } = await aliceClient.listTools();
    expect(tools.map(({ name }) => name)).toEqual(["slack-list-conversations", "slack-post-message"]);
    expect(tools[1]!.inputSchema.required).toEqual(["channel", "text"]);
    expect((await bobClient.listTools()).tools).toEqual([]);

    // An argument naming another user changes nothing: the token's identity is the only one.
    const posted = await aliceClient.callTool({
      name: "slack-post-message",
      arguments: { channel: "general", text: "A new lead: Ada Lovelace", user_id: bob!.userId },
    });
    expect(posted.isError).toBe(false);
    expect(JSON.parse((posted.content as { text: string }[])[0]!.text)).toMatchObject({ network_code: "200" });
    expect(await callsOf(server.url, alice!)).toEqual([
      expect.objectContaining({ functionName: "slack-post-message" }),
    ]);

    // Bob cannot run Alice's Slack, and is told where to connect his own.
    const refused = await bobClient.callTool({
      name: "slack-post-message",
      arguments: { channel: "general", text: "hi" },
    });
    expect(refused.isError).toBe(true);
    expect((refused.content as { text: string }[])[0]!.text).toContain(`${server.url}/integrations`);
    expect(await callsOf(server.url, bob!)).toEqual([]);
    await Promise.all([aliceClient.close(), bobClient.close()]);
  });
});

test("the MCP endpoint refuses without a live token (401), from another site's page (403), and a big body (413)", async () => {
  await withSandboxServer(3212, { MCP_REQUESTS_PER_MINUTE: "3" }, async (server) => {
    const [alice] = await signInDemoUsers(server.url);
    const { id, token } = await createToken(server.url, alice!);
    for (const authorization of [undefined, "Bearer", "Bearer intg_pat_forged", `Basic ${token}`]) {
      const response = await rawMcp(server.url, authorization ? { authorization } : {});
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="mcp"');
    }
    const bearer = { authorization: `Bearer ${token}` };
    expect((await rawMcp(server.url, { ...bearer, origin: "https://evil.example" })).status).toBe(403);
    expect((await rawMcp(server.url, bearer, JSON.stringify({ padding: "x".repeat(100_000) }))).status).toBe(413);
    expect((await rawMcp(server.url, bearer)).status).toBe(200);
    expect((await rawMcp(server.url, bearer)).status).toBe(200);
    // 3 a minute, the 413 among them: the fourth request of this token is turned away, with when to come back.
    const limited = await rawMcp(server.url, bearer);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("20");

    const revoked = await fetch(`${server.url}/api/agent-tools/tokens/${id}`, {
      method: "DELETE",
      headers: { cookie: alice!.cookie, origin: server.url },
    });
    expect(revoked.status).toBe(204);
    expect((await rawMcp(server.url, bearer)).status).toBe(401);
  });
});

test("a token works on every instance of one Postgres, which share its rate limit and its revocation", async () => {
  test.setTimeout(120_000);
  const [first, second] = [3213, 3214];
  await withTwoInstancesOnPostgres([first, second, 3216], { MCP_REQUESTS_PER_MINUTE: "6" }, async ({ origin }) => {
    const [alice] = await signInDemoUsers(origin);
    await connectSlackInSandbox(origin, alice!.cookie);
    const { id, token } = await createToken(origin, alice!);
    const bearer = { authorization: `Bearer ${token}` };
    const instances = [first, second].map((port) => `http://127.0.0.1:${port}`);
    // Six a minute for the token, wherever they land: three on each instance, then the seventh is refused.
    for (let request = 0; request < 6; request++) {
      expect((await rawMcp(instances[request % 2]!, bearer)).status).toBe(200);
    }
    expect((await rawMcp(instances[0]!, bearer)).status).toBe(429);
    expect((await rawMcp(instances[1]!, bearer)).status).toBe(429);

    const revoked = await fetch(`${origin}/api/agent-tools/tokens/${id}`, {
      method: "DELETE",
      headers: { cookie: alice!.cookie, origin },
    });
    expect(revoked.status).toBe(204);
    for (const instance of instances) expect((await rawMcp(instance, bearer)).status).toBe(401);
  });
});

test("under the account scope, a member's token acts as the account: its apps, never another account's", async () => {
  await withSandboxServer(3217, { INTEGRY_SCOPE: "account" }, async (server) => {
    const [alice, bob, carol] = await signInDemoUsers(server.url);
    await connectSlackInSandbox(server.url, alice!.cookie);
    const bobClient = await mcpClient(server.url, (await createToken(server.url, bob!)).token);
    const carolClient = await mcpClient(server.url, (await createToken(server.url, carol!)).token);
    expect((await bobClient.listTools()).tools.map(({ name }) => name)).toContain("slack-post-message");
    expect((await carolClient.listTools()).tools).toEqual([]);
    const posted = await bobClient.callTool({
      name: "slack-post-message",
      arguments: { channel: "general", text: "From Bob" },
    });
    expect(posted.isError).toBe(false);
    // Alice's params name the account too: the call is the account's, seen by any member, not by Globex.
    expect(await callsOf(server.url, alice!)).toEqual([
      expect.objectContaining({ functionName: "slack-post-message" }),
    ]);
    expect(await callsOf(server.url, carol!)).toEqual([]);
    await Promise.all([bobClient.close(), carolClient.close()]);
  });
});

test("behind an https proxy, the page a tool error sends the user to is the one they reach, https and all", async () => {
  const [port, proxyPort] = [3218, 3219];
  const origin = `https://127.0.0.1:${proxyPort}`;
  const server = await startServer(port, { ...sandboxEnv(origin), NEXTAUTH_URL: undefined, AUTH_TRUST_HOST: "true" });
  const proxy = await startHttpsProxy(proxyPort, port);
  // The proxy's certificate is self-signed: this client trusts it, as an agent trusts a real one.
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  const trusting: typeof fetch = (input, init) =>
    undiciFetch(input as string, { ...init, dispatcher } as never) as never;
  try {
    const [, bob] = await signInDemoUsers(server.url);
    const client = new Client({ name: "e2e-agent", version: "1.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${origin}/api/mcp`), {
        fetch: trusting,
        requestInit: { headers: { Authorization: `Bearer ${(await createToken(server.url, bob!)).token}` } },
      }),
    );
    const refused = await client.callTool({
      name: "slack-post-message",
      arguments: { channel: "general", text: "hi" },
    });
    expect(refused.isError).toBe(true);
    expect((refused.content as { text: string }[])[0]!.text).toContain(`Connect it at ${origin}/integrations`);
    await client.close();
  } finally {
    await proxy.stop();
    await server.stop();
    await dispatcher.close();
  }
});
