import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { forward, listenOnLoopback } from "./forward";

/** A throwaway certificate for 127.0.0.1, made with openssl; browsers in the tests ignore its issuer. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const directory = mkdtempSync(join(tmpdir(), "e2e-tls-"));
  try {
    const [key, cert] = [join(directory, "key.pem"), join(directory, "cert.pem")];
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"].concat([
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        key,
        "-out",
        cert,
      ]),
      { stdio: "ignore" },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export interface HttpsProxy {
  url: string;
  stop: () => Promise<void>;
}

/** For a stand-in of another site: its paths under `pathPrefix` upstream, answered with open CORS as an API is. */
export interface ForeignSite {
  pathPrefix: string;
}

const OPEN_CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-allow-headers": "content-type, accept-language",
};

/**
 * What a TLS-terminating proxy (a load balancer, Render, Fly, Vercel's edge) does in front of the
 * app: https outside, plain http to the server, with X-Forwarded-Proto and X-Forwarded-Host.
 */
export async function startHttpsProxy(port: number, upstreamPort: number, foreign?: ForeignSite): Promise<HttpsProxy> {
  const server = createServer(selfSignedCertificate(), (incoming, outgoing) => {
    if (foreign && incoming.method === "OPTIONS") return void outgoing.writeHead(204, OPEN_CORS).end();
    const headers = { ...incoming.headers, "x-forwarded-proto": "https", "x-forwarded-host": incoming.headers.host };
    const path = `${foreign?.pathPrefix ?? ""}${incoming.url}`;
    forward(incoming, outgoing, {
      upstreamPort,
      path,
      headers,
      answer: (response) => {
        outgoing.writeHead(response.statusCode ?? 502, { ...response.headers, ...(foreign ? OPEN_CORS : {}) });
        response.pipe(outgoing);
      },
    });
  });
  const { stop } = await listenOnLoopback(server, port);
  return { url: `https://127.0.0.1:${port}`, stop };
}
