import "server-only";

import { misconfigured, readVariable, type Env } from "@/lib/env";
import { INTEGRY_STAND_IN } from "@/lib/room";

// Which mode the app runs in, decided once here: the auth settings and the Integry config both read it.

/** The sandbox stands in for Integry: when INTEGRY_SANDBOX says so, or under `npm run dev` with no INTEGRY_APP_KEY. */
export function usesSandbox(env: Env): boolean {
  const requested = readVariable(env, "INTEGRY_SANDBOX");
  if (requested && !INTEGRY_STAND_IN)
    throw misconfigured("INTEGRY_SANDBOX", "is true, but the sandbox room is removed");
  if (requested !== undefined || !INTEGRY_STAND_IN) return requested ?? false;
  // Only `npm run dev` falls back to it: in production a missing INTEGRY_APP_KEY is a misconfiguration.
  return env.NODE_ENV === "development" && !readVariable(env, "INTEGRY_APP_KEY");
}

/** The development conveniences' switch: false when an Integry variable is malformed (reported by the config). */
export function devConveniencesOn(env: Env): boolean {
  try {
    return env.NODE_ENV === "development" && usesSandbox(env);
  } catch {
    return false;
  }
}

/** A production server beside real Integry credentials: no published or short secret, no demo sign-in. */
export function guardsRealCredentials(env: Env): boolean {
  if (env.NODE_ENV !== "production" || !env.INTEGRY_APP_KEY) return false;
  try {
    return !usesSandbox(env);
  } catch {
    return true;
  }
}
