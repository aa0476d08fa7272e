import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { IntegryConfig } from "@/lib/integry/server/config";
import { isPublicAddress } from "@/lib/rooms/flows/public-network";
import { callbackTransport } from "@/lib/rooms/flows/transport";

const REAL: IntegryConfig = {
  appKey: "k",
  appSecret: "s",
  deploymentId: "1",
  scope: "user",
  sandbox: false,
  sdkBaseUrl: null,
  sdkApiBaseUrl: null,
};

describe("isPublicAddress", () => {
  it.each([
    ["127.0.0.1", false],
    ["10.1.2.3", false],
    ["172.16.0.1", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["::1", false],
    ["fe80::1", false],
    ["fc00::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["8.8.8.8", true],
    ["2606:4700:4700::1111", true],
    ["not an address", false],
  ])("%s is %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("the delivery transport to Integry", () => {
  let server: Server;
  let received: string[];
  let port: number;
  beforeEach(async () => {
    received = [];
    server = createServer((request, response) => {
      received.push(`${request.method} ${request.url}`);
      response.writeHead(302, { Location: "http://127.0.0.1:1/elsewhere" }).end();
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sendTo = async (url: string) =>
    (await callbackTransport(REAL)).send({ url, body: "{}", headers: {}, signal: AbortSignal.timeout(5_000) });

  it("never connects to a name that resolves to loopback, nor to a private IP written as such", async () => {
    // The listener is there: a plain fetch reaches it, so nothing but the transport's own check stops the sends below.
    expect((await fetch(`http://localhost:${port}/reachable`, { redirect: "manual" })).status).toBe(302);
    expect(received).toEqual(["GET /reachable"]);
    await expect(sendTo(`http://localhost:${port}/callback`)).rejects.toMatchObject({ code: "ENOTPUBLIC" });
    await expect(sendTo(`http://127.0.0.1:${port}/callback`)).rejects.toThrow("not public");
    await expect(sendTo(`http://[::ffff:127.0.0.1]:${port}/callback`)).rejects.toThrow("not public");
    expect(received).toEqual(["GET /reachable"]);
  });
});
