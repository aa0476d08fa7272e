import "server-only";

import { usesSandbox } from "@/lib/app-mode";
import { misconfigured, parsedOnChange, readVariable, type Env } from "@/lib/env";
import { INTEGRY_STAND_IN } from "@/lib/room";

export type IntegryScope = "user" | "account";

export interface IntegryConfig {
  appKey: string;
  appSecret: string;
  deploymentId: string;
  scope: IntegryScope;
  sandbox: boolean;
  /** Where the browser SDK finds Integry: null for Integry itself, a path on this app for the sandbox. */
  sdkBaseUrl: string | null;
  /** Where the SDK's apps view lists apps (Integry's REST API): null for Integry's, a path on this app for the sandbox. */
  sdkApiBaseUrl: string | null;
}

export function parseIntegryConfig(env: Env): IntegryConfig {
  const scope = readVariable(env, "INTEGRY_SCOPE");
  if (usesSandbox(env) && INTEGRY_STAND_IN) {
    const { credentials, sdkBaseUrl, sdkApiBaseUrl } = INTEGRY_STAND_IN;
    return { ...credentials(env), scope, sandbox: true, sdkBaseUrl, sdkApiBaseUrl };
  }
  const appKey = readVariable(env, "INTEGRY_APP_KEY");
  const appSecret = readVariable(env, "INTEGRY_APP_SECRET");
  const deploymentId = readVariable(env, "INTEGRY_DEPLOYMENT_ID");
  const offline = INTEGRY_STAND_IN ? " (or set INTEGRY_SANDBOX=true for the offline sandbox)" : "";
  if (!appKey) throw misconfigured("INTEGRY_APP_KEY", `is missing${offline}`);
  if (!appSecret) throw misconfigured("INTEGRY_APP_SECRET", "is missing");
  if (!deploymentId) throw misconfigured("INTEGRY_DEPLOYMENT_ID", "is missing");
  return { appKey, appSecret, deploymentId, scope, sandbox: false, sdkBaseUrl: null, sdkApiBaseUrl: null };
}

export const getIntegryConfig = parsedOnChange((env) => parseIntegryConfig(env));
