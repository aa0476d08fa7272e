import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

import { afterEach, expect } from "vitest";

import { IntegryApiError, type IntegryApiOptions } from "@/lib/rooms/connected-apps/api";

export interface ReceivedRequest {
  method: string;
  /** Path and query string, as sent. */
  target: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  /** Sent as-is instead of `body`'s JSON, for malformed answers. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** What the fake answers to the nth request (0-based); "hang" never answers. */
export type FakeBehaviour = (request: ReceivedRequest, index: number) => FakeAnswer | "hang";

export interface FakeIntegry {
  baseUrl: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 standing in for api.integry.io, recording every request. */
export async function startFakeIntegry(behaviour: FakeBehaviour): Promise<FakeIntegry> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const request: ReceivedRequest = {
        method: incoming.method ?? "",
        target: incoming.url ?? "",
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      const answer = behaviour(request, requests.length - 1);
      if (answer === "hang") return;
      const text = answer.rawBody ?? (answer.body === undefined ? "" : JSON.stringify(answer.body));
      outgoing.writeHead(answer.status, { "Content-Type": "application/json", ...answer.headers });
      outgoing.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on: connections to it are refused. */
export async function refusedBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

export const CREDENTIALS = {
  appKey: "test-app-key-7f3a",
  userId: "user-42",
  hash: "0b8e1a1c2f9d4c6e8a7b5d3f1e2c4a6b8d0f1e3c5a7b9d2f4e6a8c0b1d3f5e7a",
};

/**
 * Returns `serve(behaviour)`, which starts a fake for the current test (closed after it) and
 * gives client options whose `sleep` records each wait instead of waiting.
 */
export function fakeIntegryPerTest() {
  let fake: FakeIntegry | undefined;
  afterEach(() => fake?.close());
  return async (behaviour: FakeBehaviour, options: Partial<IntegryApiOptions> = {}) => {
    fake = await startFakeIntegry(behaviour);
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    return { requests: fake.requests, waits, options: { baseUrl: fake.baseUrl, sleep, ...options } };
  };
}

export async function errorOf(promise: Promise<unknown>): Promise<IntegryApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(IntegryApiError);
  return error as IntegryApiError;
}
