import type { IntegryConfig } from "@/lib/integry/server/config";
import { connectAccount, disconnectAccount, getAppForSdk } from "@/lib/rooms/sandbox/account-endpoints";
import { authenticateSandboxCaller } from "@/lib/rooms/sandbox/auth";
import {
  findSandboxRoute,
  isSandboxRestRoute,
  type SandboxRestRouteName,
  type SandboxRouteName,
} from "@/lib/rooms/sandbox/contract";
import {
  getTemplate,
  getTemplateStep,
  listDeploymentIntegrations,
  listFlows,
  listUserVariables,
  verifySdkConfig,
} from "@/lib/rooms/sandbox/deployment-endpoints";
import type { SandboxEndpoint } from "@/lib/rooms/sandbox/endpoint";
import { sandboxRefusal, sandboxSvg } from "@/lib/rooms/sandbox/http";
import { findSandboxIcon } from "@/lib/rooms/sandbox/icons";
import {
  createIntegration,
  deleteIntegration,
  disableIntegration,
  enableIntegration,
  getIntegration,
  renameIntegration,
  updateIntegration,
} from "@/lib/rooms/sandbox/integration-endpoints";
import {
  answerSandboxRestCall,
  DEFAULT_SANDBOX_REST_SETTINGS,
  type SandboxRestSettings,
} from "@/lib/rooms/sandbox/rest-endpoints";
import { processSandboxStore } from "@/lib/rooms/sandbox/process-store";
import { failNextCallbacks, listRuns, runCallback } from "@/lib/rooms/sandbox/run-endpoints";
import type { SandboxStore } from "@/lib/rooms/sandbox/store";

const ENDPOINTS: Record<Exclude<SandboxRouteName, "icon" | SandboxRestRouteName>, SandboxEndpoint> = {
  "verify-sdk-config": verifySdkConfig,
  "user-variables": listUserVariables,
  flows: listFlows,
  template: getTemplate,
  "template-step": getTemplateStep,
  "deployment-integrations": listDeploymentIntegrations,
  "create-integration": createIntegration,
  "get-integration": getIntegration,
  "update-integration": updateIntegration,
  "enable-integration": enableIntegration,
  "disable-integration": disableIntegration,
  "rename-integration": renameIntegration,
  "delete-integration": deleteIntegration,
  "run-callback": runCallback,
  "fail-next-callbacks": failNextCallbacks,
  "list-runs": listRuns,
  "get-app": getAppForSdk,
  "delete-connected-account": disconnectAccount,
  "connect-account": connectAccount,
};

export async function handleSandboxRequest(
  request: Request,
  path: string[],
  config: IntegryConfig,
  store: SandboxStore = processSandboxStore(),
  restSettings: SandboxRestSettings = DEFAULT_SANDBOX_REST_SETTINGS,
  selfApiFetch: typeof fetch = fetch,
): Promise<Response> {
  const lookup = findSandboxRoute(request.method, `/${path.join("/")}`);
  if (lookup === "not_found") return sandboxRefusal(404, "Not found.");
  if (lookup === "method_not_allowed") return sandboxRefusal(405, "Method not allowed.");
  const { route, id } = lookup;

  // Icons are plain <img> loads: the browser sends no credentials with them, nor does Integry's CDN ask.
  if (route.name === "icon") {
    const svg = id === undefined ? undefined : findSandboxIcon(id);
    return svg ? sandboxSvg(svg) : sandboxRefusal(404, "Not found.");
  }

  const url = new URL(request.url);
  if (isSandboxRestRoute(route.name)) {
    return answerSandboxRestCall({
      route: route.name,
      machineName: id,
      request,
      url,
      config,
      store,
      settings: restSettings,
    });
  }
  const caller = await authenticateSandboxCaller(url, config);
  if (!caller.ok) return caller.response;
  const context = {
    request,
    url,
    config,
    store,
    userId: caller.userId,
    hash: caller.hash,
    id: Number(id ?? 0),
    name: id ?? "",
    selfApiFetch,
  };
  return ENDPOINTS[route.name](context);
}
