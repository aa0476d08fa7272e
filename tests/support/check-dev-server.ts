/**
 * `.ci/run`'s check of the README's first command: with no .env.local, `npm run dev` offers the
 * demo users, a demo sign-in gives a session, and /api/integry-params answers with that session's
 * hash. Retried until --timeout seconds have passed: the dev server compiles each route on first use.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";

import { DEMO_USERS } from "@/lib/auth/demo-users";

import { signInDemoUser } from "./sessions";

const RETRY_MS = 2_000;

async function devServerWorks(baseUrl: string): Promise<void> {
  const [alice] = DEMO_USERS;
  const signInPage = await (await fetch(`${baseUrl}/sign-in`)).text();
  if (!signInPage.includes(alice!.email)) throw new Error(`/sign-in does not offer ${alice!.email}`);
  const { cookie } = await signInDemoUser(baseUrl, alice!.email);
  const response = await fetch(`${baseUrl}/api/integry-params`, { headers: { cookie } });
  const { hash } = (await response.json()) as { hash?: unknown };
  if (!response.ok || typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) {
    throw new Error(`/api/integry-params answered ${response.status} without a 64-hex hash`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: "string", default: "http://localhost:3000" }, timeout: { type: "string", default: "240" } },
  });
  const deadline = Date.now() + Number(values.timeout) * 1000;
  for (;;) {
    try {
      await devServerWorks(values.url);
      console.log("npm run dev: demo sign-in works and /api/integry-params answers with a hash");
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(RETRY_MS);
    }
  }
}

main().catch((error: unknown) => {
  console.error(`check-dev-server: ${String(error)}`);
  process.exitCode = 1;
});
