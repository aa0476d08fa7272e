import { parseArgs } from "node:util";

export interface BenchOptions {
  /** Seconds per route and connection count, split into rounds. */
  durationSeconds: number;
  rounds: number;
  connectionCounts: number[];
  /** Page loads per page for the time to `ready`. */
  runs: number;
  coldStarts: number;
  /** Leads in all for the flows' half, on each database; 0 skips it. */
  events: number;
  port: number;
}

const bounded = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;

/** The bench's options from its command line, or why they are wrong. */
export function parseBenchOptions(args: string[]): BenchOptions | { error: string } {
  const { values } = parseArgs({
    args,
    options: {
      duration: { type: "string", default: "10" },
      rounds: { type: "string", default: "5" },
      connections: { type: "string", default: "16,64" },
      runs: { type: "string", default: "10" },
      "cold-starts": { type: "string", default: "3" },
      events: { type: "string", default: "10000" },
      port: { type: "string", default: "3300" },
    },
  });
  const options: BenchOptions = {
    durationSeconds: Number(values.duration),
    rounds: Number(values.rounds),
    connectionCounts: values.connections.split(",").map(Number),
    runs: Number(values.runs),
    coldStarts: Number(values["cold-starts"]),
    events: Number(values.events),
    port: Number(values.port),
  };
  const { durationSeconds, rounds, runs, coldStarts, connectionCounts, port } = options;
  if (![durationSeconds, rounds, runs, coldStarts].every((n) => bounded(n, 60))) {
    return { error: "--duration, --rounds, --runs and --cold-starts take 1 to 60" };
  }
  if (!connectionCounts.every((n) => bounded(n, 512))) return { error: "--connections takes 1 to 512 each" };
  if (!bounded(port, 65535)) return { error: "--port takes 1 to 65535" };
  if (options.events !== 0 && !bounded(options.events, 100_000)) return { error: "--events takes 0 to 100000" };
  return options;
}
