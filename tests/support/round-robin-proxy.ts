import { createServer } from "node:http";

import { forward, listenOnLoopback } from "./forward";
import { startPostgres } from "./postgres";
import { sandboxEnv, startServer, type ServerEnv } from "./servers";

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

/**
 * Two sandbox servers sharing one throwaway Postgres behind a round-robin proxy on `front`: an app scaled out
 * to two instances behind a load balancer. `env` goes on top of the sandbox's; everything stops afterwards.
 */
export async function withTwoInstancesOnPostgres(
  [first, second, front]: readonly [number, number, number],
  env: ServerEnv,
  run: (cluster: { origin: string; proxy: RoundRobinProxy }) => Promise<void>,
): Promise<void> {
  const postgres = await startPostgres();
  const origin = `http://127.0.0.1:${front}`;
  const instanceEnv = sandboxEnv(origin, { DATABASE_URL: postgres.url, ...env });
  const servers = await Promise.all([startServer(first, instanceEnv), startServer(second, instanceEnv)]);
  const proxy = await startRoundRobinProxy(front, [first, second]);
  try {
    await run({ origin, proxy });
  } finally {
    await proxy.stop();
    await Promise.all(servers.map((server) => server.stop()));
    await postgres.stop();
  }
}
