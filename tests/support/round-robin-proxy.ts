import { createServer, request as httpRequest } from "node:http";

export interface RoundRobinProxy {
  url: string;
  /** How many requests each upstream port answered. */
  answeredBy: () => Record<number, number>;
  stop: () => Promise<void>;
}

/** A load balancer with no affinity: each request goes to the next upstream in turn. */
export async function startRoundRobinProxy(port: number, upstreamPorts: number[]): Promise<RoundRobinProxy> {
  const answered: Record<number, number> = Object.fromEntries(upstreamPorts.map((upstream) => [upstream, 0]));
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const upstreamPort = upstreamPorts[next++ % upstreamPorts.length]!;
    answered[upstreamPort]!++;
    const upstream = httpRequest(
      { host: "127.0.0.1", port: upstreamPort, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on("error", () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    answeredBy: () => ({ ...answered }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
