import "server-only";

import { ownSecretProblem, weakSecretProblem } from "@/lib/auth/published-secrets";
import { usesSandbox } from "@/lib/app-mode";
import { shapeProblem, type Env, type EnvDeclaration } from "@/lib/env";
import { ENV_SCHEMA, ROOMS } from "@/lib/room";

export type EnvStatus = "ok" | "unset" | "missing" | "malformed" | "placeholder" | "unsafe";

export interface EnvFinding {
  name: string;
  status: EnvStatus;
  note: string;
}

export const FAILING_STATUSES: readonly EnvStatus[] = ["missing", "malformed", "placeholder", "unsafe"];

const PLACEHOLDER =
  /^(<.*>|\[.*\]|your[-_ ].*|.*[-_]here|changeme|change[-_]me|replace[-_]?me|todo|x{3,}|\.{3}|secret)$/i;

/** What the schema cannot know: whether a variable is needed here, what unset means, which values are unsafe. */
export interface EnvRule {
  required?: boolean;
  unset: string;
  problem?: (value: string) => { status: EnvStatus; note: string } | undefined;
}

/** What a room's rules may depend on: the target, and whether the sandbox stands in for Integry there. */
export interface EnvCheckContext {
  production: boolean;
  sandbox: boolean;
}

/** The variables an adopter sets: the composed schema's, but those Node, Next.js or Vercel set. */
export const ADOPTER_VARIABLES = Object.keys(ENV_SCHEMA).filter((name) => !ENV_SCHEMA[name]!.platform);

export function checkEnvironment(env: Env, { production }: { production: boolean }): EnvFinding[] {
  let sandbox = true;
  try {
    sandbox = usesSandbox({ ...env, NODE_ENV: production ? "production" : "development" });
  } catch {
    // INTEGRY_SANDBOX or INTEGRY_APP_KEY is malformed: reported below, variable by variable.
  }
  const needed = !sandbox || production;
  const credential = {
    required: needed,
    unset: needed ? "required to reach Integry" : "unset: the offline sandbox is used",
  };
  const gitHub = (partner: string): EnvRule =>
    env[partner] ? { required: true, unset: `required with ${partner}` } : { unset: "unset: GitHub sign-in is off" };
  const unsafeInProduction = (note: string) => (value: string) =>
    production && value === "true" ? { status: "unsafe" as const, note } : undefined;

  const rules: Record<string, EnvRule> = {
    INTEGRY_APP_KEY: credential,
    INTEGRY_APP_SECRET: credential,
    INTEGRY_DEPLOYMENT_ID: credential,
    INTEGRY_SCOPE: { unset: "unset: user scope" },
    INTEGRY_SANDBOX: {
      unset: sandbox ? "unset: sandbox, as INTEGRY_APP_KEY is unset" : "unset: the embed talks to Integry",
      problem: unsafeInProduction("forces the sample sandbox on a deployment"),
    },
    CRON_SECRET: {
      unset: "unset: GET /api/cron refuses every call, so failed sends are retried by hand only",
      problem: ownSecretProblem([env.INTEGRY_APP_SECRET, env.NEXTAUTH_SECRET]),
    },
    // The server's own rule: a production server beside real credentials refuses these too.
    NEXTAUTH_SECRET: {
      required: needed,
      unset: "required beside real credentials: openssl rand -base64 32",
      problem: weakSecretProblem,
    },
    NEXTAUTH_URL: { unset: "unset: fine on Vercel and for local development" },
    AUTH_TRUST_HOST: { unset: "unset: X-Forwarded-* headers are trusted on Vercel only" },
    AUTH_DEMO_LOGIN: {
      unset: "unset: demo sign-in only while npm run dev serves the sandbox",
      problem: unsafeInProduction("lets anyone sign in as anyone: unset it"),
    },
    AUTH_REVOKED_IDS: { unset: "unset: no session is refused by ID" },
    GITHUB_ID: gitHub("GITHUB_SECRET"),
    GITHUB_SECRET: gitHub("GITHUB_ID"),
    PGLITE_DATA_DIR: { unset: "unset: .data/pglite, when DATABASE_URL is unset" },
    INTEGRY_API_BASE_URL: { unset: "unset: Integry's own API, or the sandbox's" },
    DATABASE_URL: {
      required: production && Boolean(env.VERCEL),
      unset: "unset: an embedded database in .data/ (one server only; required on Vercel)",
    },
  };
  for (const room of ROOMS) Object.assign(rules, room.envRules?.(env, { production, sandbox }));
  return ADOPTER_VARIABLES.map((name) =>
    findingOf(name, env[name], ENV_SCHEMA[name]!, rules[name] ?? { unset: "unset" }),
  );
}

function findingOf(name: string, value: string | undefined, declaration: EnvDeclaration, rule: EnvRule): EnvFinding {
  if (!value) return { name, status: rule.required ? "missing" : "unset", note: rule.unset };
  const malformed = shapeProblem(declaration, value);
  const { status, note } = PLACEHOLDER.test(value)
    ? { status: "placeholder" as const, note: "still holds a placeholder: put the real value" }
    : malformed
      ? { status: "malformed" as const, note: malformed }
      : (rule.problem?.(value) ?? { status: "ok" as const, note: "set" });
  // No value is shown, secret or not: a secret pasted into the wrong variable must not reach a terminal or a CI log.
  return { name, status, note };
}
