import { createServer } from "node:http";

import { forward, listenOnLoopback } from "./forward";

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
    forward(incoming, outgoing, { upstreamPort });
  });
  const { stop } = await listenOnLoopback(server, port);
  return { url: `http://127.0.0.1:${port}`, answeredBy: () => ({ ...answered }), stop };
}
