import { once } from "node:events";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";

import { generate } from "selfsigned";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { IntegryConfig } from "@/lib/integry/server/config";
import { attemptCallback } from "@/lib/rooms/flows/callback-attempt";
import type { ClaimedDelivery } from "@/lib/rooms/flows/claim";
import { callbackTransport, getTestReceiver, networkSend } from "@/lib/rooms/flows/transport";

// A receiver over real TLS on this machine, and a dispatcher that trusts its certificate and nothing else: the
// production send (`networkSend`) runs as it does against Integry, but for the dispatcher's address filter.
let receiver: Server;
let origin: string;
let trusting: Agent;
const requests: { path: string; idempotencyKey: string | undefined; body: string }[] = [];

beforeAll(async () => {
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }] }],
  });
  receiver = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk));
    request.on("end", () => {
      requests.push({ path: request.url!, idempotencyKey: request.headers["idempotency-key"] as string, body });
      if (request.url === "/moved") response.writeHead(307, { Location: `${origin}/elsewhere` }).end();
      else response.writeHead(request.url === "/gone" ? 410 : 200).end();
    });
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  origin = `https://localhost:${(receiver.address() as AddressInfo).port}`;
  trusting = new Agent({ connect: { ca: pems.cert } });
});
afterAll(async () => {
  await trusting.close();
  receiver.close();
});

// Real Integry's config; no request reaches Integry, only the callback URLs below.
const REAL: IntegryConfig = {
  appKey: "k",
  appSecret: "s",
  deploymentId: "1",
  scope: "user",
  sandbox: false,
  sdkBaseUrl: null,
  sdkApiBaseUrl: null,
};

const delivery = (callbackUrl: string): ClaimedDelivery => ({
  id: 1,
  identity: "alice",
  integrationId: 1,
  callbackUrl,
  idempotencyKey: "key-1",
  payload: { event: "lead.created", lead: { name: "Ada" } },
  integrationStatus: "active",
  integrationRefusals: 0,
  attempt: 1,
});

describe("the network transport, over TLS to a local receiver", () => {
  it("POSTs the payload with its Idempotency-Key and reports the status", async () => {
    requests.length = 0;
    const result = await attemptCallback(delivery(`${origin}/hook`), networkSend(trusting));
    expect(result).toEqual({ httpStatus: 200, retryAfter: null });
    expect(await attemptCallback(delivery(`${origin}/gone`), networkSend(trusting))).toMatchObject({ httpStatus: 410 });
    expect(requests[0]).toEqual({
      path: "/hook",
      idempotencyKey: "key-1",
      body: JSON.stringify({ event: "lead.created", lead: { name: "Ada" } }),
    });
  });

  it("never follows a redirect: the attempt is a network error and the other URL gets nothing", async () => {
    requests.length = 0;
    expect(await attemptCallback(delivery(`${origin}/moved`), networkSend(trusting))).toEqual({ error: "network" });
    expect(requests.map(({ path }) => path)).toEqual(["/moved"]);
  });

  it("in production, reaches no address on this machine, by name or by IP", async () => {
    vi.stubEnv("INTEGRY_CALLBACK_HOSTS", "");
    const { send } = await callbackTransport(REAL);
    requests.length = 0;
    const port = new URL(origin).port;
    for (const url of [`${origin}/hook`, `https://127.0.0.1:${port}/hook`]) {
      expect(await attemptCallback(delivery(url), send)).toEqual({ error: "network" });
    }
    expect(requests).toEqual([]);
    vi.unstubAllEnvs();
  });
});

describe("FLOWS_TEST_RECEIVER, the bench's switch", () => {
  const receiverUrl = "http://127.0.0.1:4100";

  it("sends every flow to that receiver, and refuses callback URLs elsewhere", async () => {
    vi.stubEnv("FLOWS_TEST_RECEIVER", `${receiverUrl}/`);
    const transport = await callbackTransport({ ...REAL, sandbox: true });
    expect(transport.refuse(`${receiverUrl}/hooks/alice/1`, "alice")).toBeUndefined();
    expect(transport.refuse("https://api.integry.io/hook", "alice")).toBe("is not on FLOWS_TEST_RECEIVER");
    expect(transport.refuse("http://127.0.0.1:4101/hook", "alice")).toBe("is not on FLOWS_TEST_RECEIVER");
    vi.unstubAllEnvs();
  });

  it.each(["https://127.0.0.1:4100", "http://localhost:4100", "http://10.0.0.1:4100", "not a url"])(
    "takes only an http://127.0.0.1 origin, not %s",
    (value) => {
      vi.stubEnv("FLOWS_TEST_RECEIVER", value);
      expect(() => getTestReceiver()).toThrow("FLOWS_TEST_RECEIVER must be http://127.0.0.1:<port>");
      vi.unstubAllEnvs();
    },
  );

  it("is refused by a production server beside real Integry credentials, naming the variable only", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("INTEGRY_APP_KEY", "real-app-key");
    vi.stubEnv("INTEGRY_SANDBOX", "");
    vi.stubEnv("FLOWS_TEST_RECEIVER", receiverUrl);
    expect(() => getTestReceiver()).toThrow(/^FLOWS_TEST_RECEIVER is a test-only switch/);
    expect(() => getTestReceiver()).not.toThrow(receiverUrl);
    // Without real credentials (here, no app key: the sandbox's case), the switch is honoured.
    vi.stubEnv("INTEGRY_APP_KEY", "");
    expect(getTestReceiver()).toBe(receiverUrl);
    vi.unstubAllEnvs();
  });
});
