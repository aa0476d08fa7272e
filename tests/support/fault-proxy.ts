import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

import { forward, listenOnLoopback } from "./forward";

/** What the proxy breaks on the way through; everything else passes untouched. */
export interface Faults {
  /** Replace the hash /api/integry-params hands the browser, as a wrong INTEGRY_APP_SECRET would. */
  tamperHash?: boolean;
  /** Answer the SDK's verify-sdk-config with this status, as Integry in trouble would. */
  verifyStatus?: number;
}

export interface FaultProxy {
  url: string;
  /** verify-sdk-config requests seen, however they were answered. */
  verifyRequests: () => number;
  stop: () => Promise<void>;
}

const VERIFY_PATH = "/verify-sdk-config/";

/**
 * A loopback proxy in front of a test server that breaks what `faults` names. It works the same in
 * every engine, where Playwright's page.route exists in one driver only.
 */
export async function startFaultProxy(port: number, upstreamPort: number, faults: Faults): Promise<FaultProxy> {
  let verifyRequests = 0;
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const path = incoming.url ?? "/";
    if (path.includes(VERIFY_PATH)) {
      verifyRequests++;
      if (faults.verifyStatus) {
        outgoing.writeHead(faults.verifyStatus, { "content-type": "application/json" });
        outgoing.end(JSON.stringify({ detail: "Injected by the test's fault proxy." }));
        return;
      }
    }
    const tamper = faults.tamperHash && path.startsWith("/api/integry-params");
    if (!tamper) return forward(incoming, outgoing, { upstreamPort });
    forward(incoming, outgoing, {
      upstreamPort,
      headers: { ...incoming.headers, "accept-encoding": "identity" },
      answer: (response) => {
        if (response.statusCode !== 200) {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          return void response.pipe(outgoing);
        }
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const params = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
          const body = JSON.stringify({ ...params, hash: "0".repeat(64) });
          outgoing.writeHead(200, { ...response.headers, "content-length": Buffer.byteLength(body) }).end(body);
        });
      },
    });
  });
  const { stop } = await listenOnLoopback(server, port);
  return { url: `http://127.0.0.1:${port}`, verifyRequests: () => verifyRequests, stop };
}
