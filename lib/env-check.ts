import "server-only";

import { reusedSecretProblem, weakSecretProblem } from "@/lib/auth/published-secrets";
import { ADOPTER_VARIABLES, shapeProblem, type AdopterVariable, type Env } from "@/lib/env";
import { usesSandbox } from "@/lib/integry/server/config";

export type EnvStatus = "ok" | "unset" | "missing" | "malformed" | "placeholder" | "unsafe";

export interface EnvFinding {
  name: AdopterVariable;
  status: EnvStatus;
  note: string;
}

export const FAILING_STATUSES: readonly EnvStatus[] = ["missing", "malformed", "placeholder", "unsafe"];

const PLACEHOLDER =
  /^(<.*>|\[.*\]|your[-_ ].*|.*[-_]here|changeme|change[-_]me|replace[-_]?me|todo|x{3,}|\.{3}|secret)$/i;

/** What the schema cannot know: whether a variable is needed here, what unset means, which values are unsafe. */
interface Rule {
  required?: boolean;
  unset: string;
  problem?: (value: string) => { status: EnvStatus; note: string } | undefined;
}

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
  const gitHub = (partner: AdopterVariable): Rule =>
    env[partner] ? { required: true, unset: `required with ${partner}` } : { unset: "unset: GitHub sign-in is off" };
  const unsafeInProduction = (note: string) => (value: string) =>
    production && value === "true" ? { status: "unsafe" as const, note } : undefined;

  const rules: Record<AdopterVariable, Rule> = {
    INTEGRY_APP_KEY: credential,
    INTEGRY_APP_SECRET: credential,
    INTEGRY_DEPLOYMENT_ID: credential,
    INTEGRY_SCOPE: { unset: "unset: user scope" },
    INTEGRY_SANDBOX: {
      unset: sandbox ? "unset: sandbox, as INTEGRY_APP_KEY is unset" : "unset: the embed talks to Integry",
      problem: unsafeInProduction("forces the sample sandbox on a deployment"),
    },
    INTEGRY_API_BASE_URL: { unset: "unset: Integry's own API, or the sandbox's" },
    INTEGRY_API_KEY_SECRET: {
      unset:
        sandbox && !production
          ? "unset: npm run dev signs API keys with a published development secret"
          : "unset: the user object carries no apiKey",
      problem: (value) =>
        weakSecretProblem(value) ?? reusedSecretProblem(value, [env.INTEGRY_APP_SECRET, env.NEXTAUTH_SECRET]),
    },
    INTEGRY_BENCH_PAGE: { unset: "unset: the bench's floor page is served by npm run dev only" },
    INTEGRY_CALLBACK_HOSTS: { unset: "unset: flows' callback URLs must be on integry.io" },
    CRON_SECRET: {
      unset: "unset: GET /api/cron/deliveries refuses every call, so failed sends are retried by hand only",
      problem: (value) =>
        weakSecretProblem(value) ?? reusedSecretProblem(value, [env.INTEGRY_APP_SECRET, env.NEXTAUTH_SECRET]),
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
    DATABASE_URL: {
      required: production && Boolean(env.VERCEL),
      unset: "unset: an embedded database in .data/ (one server only; required on Vercel)",
    },
  };
  return ADOPTER_VARIABLES.map((name) => findingOf(name, env[name], rules[name]));
}

function findingOf(name: AdopterVariable, value: string | undefined, rule: Rule): EnvFinding {
  if (!value) return { name, status: rule.required ? "missing" : "unset", note: rule.unset };
  const malformed = shapeProblem(name, value);
  const { status, note } = PLACEHOLDER.test(value)
    ? { status: "placeholder" as const, note: "still holds a placeholder: put the real value" }
    : malformed
      ? { status: "malformed" as const, note: malformed }
      : (rule.problem?.(value) ?? { status: "ok" as const, note: "set" });
  // No value is shown, secret or not: a secret pasted into the wrong variable must not reach a terminal or a CI log.
  return { name, status, note };
}
