import "server-only";

import { guardsRealCredentials } from "@/lib/app-mode";
import { reusedSecretProblem, weakSecretProblem } from "@/lib/auth/published-secrets";
import { misconfigured, parsedOnChange, readVariable } from "@/lib/env";

/**
 * CRON_SECRET, or undefined when unset (the cron route then runs for no one). Beside real Integry credentials it is
 * held to the other secrets' rule: not published, 32 bytes at least, and not one of them.
 */
export const getCronSecret = parsedOnChange((env) => {
  const value = readVariable(env, "CRON_SECRET");
  if (!value || !guardsRealCredentials(env)) return value;
  const problem = weakSecretProblem(value) ?? reusedSecretProblem(value, [env.INTEGRY_APP_SECRET, env.NEXTAUTH_SECRET]);
  if (problem) throw misconfigured("CRON_SECRET", problem.note);
  return value;
});
