import { expect, test } from "@playwright/test";

import { withSandboxServer } from "../support/servers";
import { signInDemoUsers, type DemoSession } from "../support/sessions";
import { connectSlackInSandbox } from "../support/slack-flow";

interface Tools {
  tools: { type: string; function: { name: string; parameters: { required: string[] } } }[];
}

const toolsOf = async (url: string, user?: DemoSession, query = "") =>
  fetch(`${url}/api/agent-tools${query}`, { headers: user ? { cookie: user.cookie } : {} });

test("GET /api/agent-tools lists the session's connected apps' functions as tools, for its identity only", async () => {
  await withSandboxServer(3210, {}, async (server) => {
    const [alice, bob] = await signInDemoUsers(server.url);
    const anonymous = await toolsOf(server.url);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain("slack");

    expect(((await (await toolsOf(server.url, alice)).json()) as Tools).tools).toEqual([]);
    await connectSlackInSandbox(server.url, alice!.cookie);
    const response = await toolsOf(server.url, alice);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const { tools } = (await response.json()) as Tools;
    expect(tools.map(({ type, function: { name } }) => [type, name])).toEqual([
      ["function", "slack-list-conversations"],
      ["function", "slack-post-message"],
    ]);
    expect(tools[1]!.function.parameters.required).toEqual(["channel", "text"]);
    expect(JSON.stringify(tools)).not.toContain('"meta"');

    // Bob has connected nothing, and naming Alice in the request changes nothing.
    const asBob = await toolsOf(server.url, bob, `?user_id=${encodeURIComponent(alice!.userId)}`);
    expect(((await asBob.json()) as Tools).tools).toEqual([]);
  });
});
