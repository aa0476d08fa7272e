import type { IntegryConfig } from "@/lib/integry/server/config";
import { authenticateRestApiCaller } from "@/lib/rooms/sandbox/auth";
import { findSandboxApp, loadCaller, SANDBOX_APPS, sandboxAppJson } from "@/lib/rooms/sandbox/app-connections";
import type { SandboxRestRouteName } from "@/lib/rooms/sandbox/contract";
import type { RestApiCaller } from "@/lib/rooms/sandbox/endpoint";
import { callFunction, getFunction, listFunctionCalls, listFunctions } from "@/lib/rooms/sandbox/function-endpoints";
import { isJsonObject } from "@/lib/rooms/sandbox/function-arguments";
import { readJsonBody, sandboxJson, sandboxRefusal } from "@/lib/rooms/sandbox/http";
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

// The SDK's apps view sends its cursor in the body (`{"_cursor": ""}` for the first page), the server's client in
// the query; a search asks for names or titles that contain it, and `page_size` is the SDK's (30).
async function listApps(request: Request, url: URL, caller: RestApiCaller, defaultPageSize: number) {
  const body = await readJsonBody(request, {});
  if (!body.ok) return body.response;
  const bodyCursor = isJsonObject(body.value) && typeof body.value._cursor === "string" ? body.value._cursor : null;
  const cursor = url.searchParams.get("_cursor") ?? bodyCursor;
  const pageSize = Number(url.searchParams.get("page_size")) || defaultPageSize;
  const search = url.searchParams.get("search")?.toLowerCase() ?? "";
  const connectedOnly = asksConnectedOnly(url);
  const apps = SANDBOX_APPS.map((app) => sandboxAppJson(app, caller)).filter(
    (app) =>
      (!connectedOnly || app.connected_accounts.length > 0) &&
      (app.name.includes(search) || app.title.toLowerCase().includes(search)),
  );
  const page = restPage(apps, cursor, pageSize);
  // Django REST framework's cursor pagination answers a forged cursor this way.
  if (!page) return sandboxRefusal(404, "Invalid cursor");
  const listed = { apps: page.items, count: apps.length };
  return sandboxJson(page.nextCursor ? { ...listed, _cursor: page.nextCursor } : listed);
}

export function getApp(name: string, caller: RestApiCaller): Response {
  const app = findSandboxApp(name);
  return app ? sandboxJson(sandboxAppJson(app, caller)) : sandboxRefusal(404, "App not found");
}

export async function answerSandboxRestCall(call: SandboxRestCall): Promise<Response> {
  const authenticated = await authenticateRestApiCaller(call.request, call.url, call.config);
  if (!authenticated.ok) return authenticated.response;
  const { url, settings, store, config } = call;
  const caller = await loadCaller(store, config, authenticated);
  const name = call.machineName ?? "";
  switch (call.route) {
    case "rest-list-apps":
      return listApps(call.request, url, caller, settings.appsPageSize);
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
