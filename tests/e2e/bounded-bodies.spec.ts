import { request as httpRequest } from "node:http";

import { expect, test } from "@playwright/test";

import { sandboxEnv, startServer } from "../support/servers";
import { signInDemoUser } from "../support/sessions";

const MB = 1024 * 1024;
const UPLOADS = 20;
const UPLOAD_BYTES = 50 * MB;
// What the server may grow by over 1 GB of refused uploads: a little garbage, never the bodies themselves.
const RSS_GROWTH_BOUND = 64 * MB;
// Over 2 GB sent to pages at once: Next keeps at most 16 KB of each (next.config.mjs), the rest never arrives.
const PAGE_RSS_GROWTH_BOUND = 96 * MB;

/** A 50 MB form POST, declared with Content-Length, or streamed in chunks with none. */
async function postHuge(url: string, chunked: boolean): Promise<number> {
  const chunk = new Uint8Array(MB).fill(0x61);
  const body = chunked
    ? new ReadableStream<Uint8Array>({
        start(controller) {
          for (let sent = 0; sent < UPLOAD_BYTES; sent += MB) controller.enqueue(chunk);
          controller.close();
        },
      })
    : new Uint8Array(UPLOAD_BYTES).fill(0x61);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
    duplex: "half",
  } as RequestInit);
  await response.body?.cancel();
  return response.status;
}

test("oversized bodies to the auth routes get 413 before parsing, chunked too, and memory stays flat", async () => {
  test.setTimeout(120_000);
  const port = 3148;
  const server = await startServer(port, sandboxEnv(`http://127.0.0.1:${port}`));
  try {
    const { cookie } = await signInDemoUser(server.url, "alice@acme.test");
    // The server opens its database after it starts serving: measure from when a route that needs it has answered.
    expect((await fetch(`${server.url}/api/flow-integrations`, { headers: { cookie } })).status).toBe(200);
    const before = server.rss();

    const statuses: number[] = [];
    for (let upload = 0; upload < UPLOADS; upload++) {
      statuses.push(await postHuge(`${server.url}/api/auth/callback/demo`, upload % 2 === 1));
    }
    expect(statuses).toEqual(Array(UPLOADS).fill(413));
    expect(server.rss() - before).toBeLessThan(RSS_GROWTH_BOUND);

    // The server keeps serving, sign-in included.
    expect((await signInDemoUser(server.url, "bob@acme.test")).userId).toMatch(/^[0-9a-f-]{36}$/);
  } finally {
    await server.stop();
  }
});

/** A 50 MB POST through node:http, with its length declared or chunked; the status, or 0 if the server cut it off. */
function postRaw(url: string, declared: boolean): Promise<number> {
  const chunk = Buffer.alloc(MB, 0x61);
  return new Promise((resolve) => {
    const request = httpRequest(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(declared ? { "content-length": String(UPLOAD_BYTES) } : {}),
      },
    });
    request.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", () => resolve(0));
    let sent = 0;
    const pump = () => {
      while (sent < UPLOAD_BYTES && !request.destroyed) {
        sent += MB;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!request.destroyed) request.end();
    };
    pump();
  });
}

test("40 concurrent 50 MB bodies to pages are refused or cut short, memory stays near idle, and the app keeps serving", async () => {
  test.setTimeout(120_000);
  const port = 3149;
  const server = await startServer(port, sandboxEnv(`http://127.0.0.1:${port}`));
  try {
    const { cookie } = await signInDemoUser(server.url, "alice@acme.test");
    expect((await fetch(`${server.url}/api/flow-integrations`, { headers: { cookie } })).status).toBe(200);
    const before = server.rss();

    const uploads = Array.from({ length: 40 }, (_, index) =>
      postRaw(`${server.url}${index % 2 ? "/sign-in" : "/"}`, index % 4 < 2),
    );
    const statuses = await Promise.all(uploads);
    // A declared length is refused outright; a chunked body is read up to 16 KB and then answered or cut off.
    expect(statuses.filter((status, index) => index % 4 < 2 && status !== 413)).toEqual([]);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(server.rss() - before).toBeLessThan(PAGE_RSS_GROWTH_BOUND);
    expect((await fetch(`${server.url}/`)).status).toBe(200);
  } finally {
    await server.stop();
  }
});
