import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";

export interface Forwarding {
  upstreamPort: number;
  path?: string;
  headers?: IncomingHttpHeaders;
  /** Answers in the proxy's place when given; the default passes the upstream answer through untouched. */
  answer?: (upstream: IncomingMessage, outgoing: ServerResponse) => void;
}

/** The tests' proxies: a request passed on to a server on 127.0.0.1, its answer passed back; 502 if none comes. */
export function forward(incoming: IncomingMessage, outgoing: ServerResponse, forwarding: Forwarding): void {
  const { upstreamPort, path = incoming.url, headers = incoming.headers } = forwarding;
  const answer =
    forwarding.answer ??
    ((response: IncomingMessage) => {
      outgoing.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(outgoing);
    });
  const upstream = httpRequest(
    { host: "127.0.0.1", port: upstreamPort, method: incoming.method, path, headers },
    (response) => answer(response, outgoing),
  );
  upstream.on("error", () => outgoing.writeHead(502).end());
  incoming.pipe(upstream);
}

/** Listens on 127.0.0.1; `stop` also ends kept-alive connections, so a test never waits on a browser's. */
export async function listenOnLoopback(server: Server, port: number): Promise<{ stop: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
