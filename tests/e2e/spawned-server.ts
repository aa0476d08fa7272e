import { spawn } from "node:child_process";
import { once } from "node:events";

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface SpawnedServer {
  url: string;
  /** Everything the server printed so far, stdout and stderr. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `next start` on the existing build with exactly the given environment on top of the
 * machine's, on 127.0.0.1 only. For configurations no long-running e2e server has; stop it after.
 */
export async function startServer(port: number, env: Record<string, string>): Promise<SpawnedServer> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", `${port}`],
    {
      env: { ...process.env, ...env, NEXTAUTH_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so stop() ends whatever next start spawned, and only that.
      detached: true,
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, "exit");

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid!, "SIGTERM");
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start on ${port} exited early:\n${output}`);
    const ready = await fetch(`${url}/sign-in`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, output: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`next start on ${port} did not answer within ${START_TIMEOUT_MS} ms:\n${output}`);
}
