import "server-only";

import { weakSecretProblem } from "@/lib/auth/published-secrets";
import { databaseUrlProblem } from "@/lib/db/config";
import { apiKeySecretProblem } from "@/lib/optional/self-api-key/config";
import { integryVariableProblem, usesSandbox, type Env, type IntegryVariable } from "@/lib/integry/server/config";

export type EnvStatus = "ok" | "unset" | "missing" | "malformed" | "placeholder" | "unsafe";

export interface EnvFinding {
  name: string;
  status: EnvStatus;
  note: string;
}

export const FAILING_STATUSES: readonly EnvStatus[] = ["missing", "malformed", "placeholder", "unsafe"];

const PLACEHOLDER =
  /^(<.*>|\[.*\]|your[-_ ].*|.*[-_]here|changeme|change[-_]me|replace[-_]?me|todo|x{3,}|\.{3}|secret)$/i;

export function checkEnvironment(env: Env, { production }: { production: boolean }): EnvFinding[] {
  const findings: EnvFinding[] = [];
  const set = (name: string) => env[name] !== undefined && env[name] !== "";
  type Problem = (value: string) => [EnvStatus, string] | undefined;
  const check = (name: string, required: boolean, whenUnset: string, problem?: Problem) => {
    const value = env[name];
    if (value === undefined || value === "") {
      findings.push({ name, status: required ? "missing" : "unset", note: whenUnset });
    } else if (PLACEHOLDER.test(value)) {
      findings.push({ name, status: "placeholder", note: "still holds a placeholder: put the real value" });
    } else {
      const [status, note] = problem?.(value) ?? ["ok", "set"];
      findings.push({ name, status, note });
    }
  };
  const shapeOf =
    (name: IntegryVariable): Problem =>
    (value) => {
      const issue = integryVariableProblem(name, value);
      return issue ? ["malformed", issue] : undefined;
    };

  let sandbox = true;
  try {
    sandbox = usesSandbox({ ...env, NODE_ENV: production ? "production" : "development" });
  } catch {
    // INTEGRY_SANDBOX or INTEGRY_APP_KEY is malformed: reported below, variable by variable.
  }
  const needed = !sandbox || production;
  const credentialNote = needed ? "required to reach Integry" : "unset: the offline sandbox is used";
  check("INTEGRY_APP_KEY", needed, credentialNote, shapeOf("INTEGRY_APP_KEY"));
  check("INTEGRY_APP_SECRET", needed, credentialNote, shapeOf("INTEGRY_APP_SECRET"));
  check("INTEGRY_DEPLOYMENT_ID", needed, credentialNote, shapeOf("INTEGRY_DEPLOYMENT_ID"));
  check("INTEGRY_SCOPE", false, "unset: user scope", shapeOf("INTEGRY_SCOPE"));
  check(
    "INTEGRY_SANDBOX",
    false,
    sandbox ? "unset: sandbox, as INTEGRY_APP_KEY is unset" : "unset: the embed talks to Integry",
    (value) =>
      production && value === "true"
        ? ["unsafe", "forces the sample sandbox on a deployment"]
        : shapeOf("INTEGRY_SANDBOX")(value),
  );

  // The server's own rule (weakSecretProblem): a production server beside real credentials refuses these too.
  check("NEXTAUTH_SECRET", needed, "required beside real credentials: openssl rand -base64 32", (value) => {
    const problem = weakSecretProblem(value);
    return problem && [problem.status, problem.note];
  });
  const apiKeyNote =
    sandbox && !production
      ? "unset: npm run dev signs API keys with a published development secret"
      : "unset: the user object carries no apiKey";
  check("INTEGRY_API_KEY_SECRET", false, apiKeyNote, (value) => {
    const problem = weakSecretProblem(value) ?? apiKeySecretProblem(value, env);
    return problem && [problem.status, problem.note];
  });
  check("NEXTAUTH_URL", false, "unset: fine on Vercel and for local development", (value) =>
    URL.canParse(value) ? undefined : ["malformed", "is not a URL"],
  );
  check("AUTH_DEMO_LOGIN", false, "unset: demo sign-in only while npm run dev serves the sandbox", (value) => {
    if (!/^(true|false)$/.test(value)) return ["malformed", "is malformed: expected true or false"];
    return production && value === "true" ? ["unsafe", "lets anyone sign in as anyone: unset it"] : undefined;
  });
  check("DATABASE_URL", false, "unset: each server keeps its own sandbox state in memory", (value) => {
    const problem = databaseUrlProblem(value);
    return problem ? ["malformed", problem] : undefined;
  });
  for (const [name, partner] of [
    ["GITHUB_ID", "GITHUB_SECRET"],
    ["GITHUB_SECRET", "GITHUB_ID"],
  ] as const) {
    check(name, set(partner), set(partner) ? `required with ${partner}` : "unset: GitHub sign-in is off");
  }
  return findings;
}
