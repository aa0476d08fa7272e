export type SandboxRouteName =
  | "verify-sdk-config"
  | "user-variables"
  | "flows"
  | "template"
  | "template-step"
  | "deployment-integrations"
  | "create-integration"
  | "get-integration"
  | "update-integration"
  | "enable-integration"
  | "disable-integration"
  | "rename-integration"
  | "delete-integration"
  | "icon"
  | "run-callback"
  | "fail-next-callbacks"
  | "list-runs"
  | "get-app"
  | "delete-connected-account"
  | "connect-account"
  | SandboxRestRouteName;

export type SandboxRestRouteName =
  | "rest-list-apps"
  | "rest-get-app"
  | "rest-list-functions"
  | "rest-get-function"
  | "rest-call-function"
  | "rest-list-function-calls";

export type SandboxMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface SandboxRoute {
  name: SandboxRouteName;
  method: SandboxMethod;
  pattern: RegExp;
}

// Every request @integry/sdk 4.9.37 makes, as observed; trailing slashes optional, as a catch-all route may drop them.
export const SANDBOX_ROUTES: readonly SandboxRoute[] = [
  { name: "verify-sdk-config", method: "GET", pattern: /^\/verify-sdk-config\/?$/ },
  { name: "user-variables", method: "GET", pattern: /^\/api\/v1\/app-user-variables\/?$/ },
  { name: "flows", method: "GET", pattern: /^\/api\/v1\/sdk\/flows\/?$/ },
  { name: "template", method: "GET", pattern: /^\/v2\/template\/(?<id>\d{1,12})\/?$/ },
  { name: "template-step", method: "GET", pattern: /^\/template_step\/(?<id>\d{1,12})\/?$/ },
  { name: "deployment-integrations", method: "GET", pattern: /^\/bundle\/(?<id>\d{1,12})\/?$/ },
  { name: "create-integration", method: "POST", pattern: /^\/v2\/integration\/?$/ },
  { name: "get-integration", method: "GET", pattern: /^\/v2\/integration\/(?<id>\d{1,12})\/?$/ },
  { name: "update-integration", method: "PUT", pattern: /^\/v2\/integration\/(?<id>\d{1,12})\/?$/ },
  { name: "enable-integration", method: "PUT", pattern: /^\/v2\/integration\/(?<id>\d{1,12})\/enable\/?$/ },
  { name: "disable-integration", method: "PUT", pattern: /^\/v2\/integration\/(?<id>\d{1,12})\/disable\/?$/ },
  { name: "rename-integration", method: "PUT", pattern: /^\/v2\/integration\/(?<id>\d{1,12})\/rename\/?$/ },
  { name: "delete-integration", method: "DELETE", pattern: /^\/setup\/template\/(?<id>\d{1,12})\/?$/ },
  { name: "icon", method: "GET", pattern: /^\/icons\/(?<id>[a-z-]{1,32})\.svg$/ },
  // The apps view's: one app with the user's accounts, on baseUrl (not the REST API's base), and a disconnection.
  { name: "get-app", method: "POST", pattern: /^\/apps\/(?<id>[a-z0-9-]{1,100})\/get\/?$/ },
  { name: "delete-connected-account", method: "DELETE", pattern: /^\/connected-accounts\/(?<id>\d{1,12})\/?$/ },
  // Not the SDK's: what the sandbox's authorisation page posts when the user allows it.
  { name: "connect-account", method: "POST", pattern: /^\/apps\/(?<id>[a-z0-9-]{1,100})\/connect\/?$/ },
];

export const SANDBOX_REST_ROUTES: readonly SandboxRoute[] = [
  { name: "rest-list-apps", method: "POST", pattern: /^\/rest\/apps\/list\/?$/ },
  { name: "rest-get-app", method: "POST", pattern: /^\/rest\/apps\/(?<id>[^/]{1,100})\/get\/?$/ },
  { name: "rest-list-functions", method: "POST", pattern: /^\/rest\/functions\/list\/?$/ },
  { name: "rest-get-function", method: "POST", pattern: /^\/rest\/functions\/(?<id>[^/]{1,100})\/get\/?$/ },
  { name: "rest-call-function", method: "POST", pattern: /^\/rest\/functions\/(?<id>[^/]{1,100})\/call\/?$/ },
  // Not Integry's: the sandbox's record of function calls, authenticated as the REST API is.
  { name: "rest-list-function-calls", method: "POST", pattern: /^\/rest\/functions\/calls\/?$/ },
];

// Not the SDK's: what the app's server calls to run flows (Integry's callback URLs), and the sandbox's test switch.
export const SANDBOX_RUN_ROUTES: readonly SandboxRoute[] = [
  { name: "run-callback", method: "POST", pattern: /^\/callbacks\/(?<id>\d{1,12})\/?$/ },
  { name: "fail-next-callbacks", method: "POST", pattern: /^\/callbacks\/(?<id>\d{1,12})\/fail-next\/?$/ },
  { name: "list-runs", method: "GET", pattern: /^\/runs\/?$/ },
];

export function isSandboxRestRoute(name: SandboxRouteName): name is SandboxRestRouteName {
  return SANDBOX_REST_ROUTES.some((route) => route.name === name);
}

export interface SandboxRouteMatch {
  route: SandboxRoute;
  id: string | undefined;
}

export type SandboxRouteLookup = SandboxRouteMatch | "not_found" | "method_not_allowed";

export function findSandboxRoute(method: string, path: string): SandboxRouteLookup {
  let pathKnown = false;
  for (const route of [...SANDBOX_ROUTES, ...SANDBOX_REST_ROUTES, ...SANDBOX_RUN_ROUTES]) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method === method) return { route, id: match.groups?.id };
    pathKnown = true;
  }
  return pathKnown ? "method_not_allowed" : "not_found";
}
