import type { IntegryConfig } from "@/lib/integry/server/config";
import { authenticateRestApiCaller } from "@/lib/rooms/sandbox/auth";
import { findSandboxApp, SANDBOX_APPS, sandboxAppJson } from "@/lib/rooms/sandbox/app-connections";
import type { SandboxRestRouteName } from "@/lib/rooms/sandbox/contract";
import type { RestApiCaller } from "@/lib/rooms/sandbox/endpoint";
import { callFunction, getFunction, listFunctionCalls, listFunctions } from "@/lib/rooms/sandbox/function-endpoints";
import { sandboxJson, sandboxRefusal } from "@/lib/rooms/sandbox/http";
import { asksConnectedOnly, restPage } from "@/lib/rooms/sandbox/rest-lists";
import type { SandboxStore } from "@/lib/rooms/sandbox/store";

export interface SandboxRestSettings {
  appsPageSize: number;
  /** 50, Integry's default page size, where unset. */
  functionsPageSize?: number;
}

export const DEFAULT_SANDBOX_REST_SETTINGS: SandboxRestSettings = { appsPageSize: 50 };

export interface SandboxRestCall {
  route: SandboxRestRouteName;
  /** The app's or function's machine name in the path, for the routes that have one. */
  machineName: string | undefined;
  request: Request;
  url: URL;
  config: IntegryConfig;
  store: SandboxStore;
  settings: SandboxRestSettings;
}

function listApps(url: URL, caller: RestApiCaller, pageSize: number): Response {
  const connectedOnly = asksConnectedOnly(url);
  const apps = SANDBOX_APPS.map((app) => sandboxAppJson(app, caller.userId, caller.saved)).filter(
    (app) => !connectedOnly || app.connected_accounts.length > 0,
  );
  const page = restPage(apps, url, pageSize);
  // Django REST framework's cursor pagination answers a forged cursor this way.
  if (!page) return sandboxRefusal(404, "Invalid cursor");
  return sandboxJson(page.nextCursor ? { apps: page.items, _cursor: page.nextCursor } : { apps: page.items });
}

function getApp(name: string, caller: RestApiCaller): Response {
  const app = findSandboxApp(name);
  return app ? sandboxJson(sandboxAppJson(app, caller.userId, caller.saved)) : sandboxRefusal(404, "App not found");
}

export async function answerSandboxRestCall(call: SandboxRestCall): Promise<Response> {
  const authenticated = await authenticateRestApiCaller(call.request, call.url, call.config);
  if (!authenticated.ok) return authenticated.response;
  const caller = { userId: authenticated.userId, saved: await call.store.list(authenticated.userId) };
  const { url, settings, store } = call;
  const name = call.machineName ?? "";
  switch (call.route) {
    case "rest-list-apps":
      return listApps(url, caller, settings.appsPageSize);
    case "rest-get-app":
      return getApp(name, caller);
    case "rest-list-functions":
      return listFunctions(url, caller, settings.functionsPageSize ?? 50);
    case "rest-get-function":
      return getFunction(name, url, caller);
    case "rest-call-function":
      return callFunction({ name, request: call.request, url, store, caller });
    case "rest-list-function-calls":
      return listFunctionCalls(store, caller);
  }
}
