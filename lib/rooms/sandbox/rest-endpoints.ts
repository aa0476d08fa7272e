import type { IntegryConfig } from "@/lib/integry/server/config";
import { authenticateRestApiCaller } from "@/lib/rooms/sandbox/auth";
import { findSandboxApp, SANDBOX_APPS, sandboxAppJson } from "@/lib/rooms/sandbox/app-connections";
import type { SandboxRestRouteName } from "@/lib/rooms/sandbox/contract";
import { sandboxJson, sandboxRefusal } from "@/lib/rooms/sandbox/http";
import type { SavedIntegration, SandboxStore } from "@/lib/rooms/sandbox/store";

export interface SandboxRestSettings {
  appsPageSize: number;
}

export const DEFAULT_SANDBOX_REST_SETTINGS: SandboxRestSettings = { appsPageSize: 50 };

export interface SandboxRestCall {
  route: SandboxRestRouteName;
  appName: string | undefined;
  request: Request;
  url: URL;
  config: IntegryConfig;
  store: SandboxStore;
  settings: SandboxRestSettings;
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

function decodeCursor(cursor: string | null): number | undefined {
  if (!cursor) return 0;
  const match = /^offset:(\d{1,6})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? Number(match[1]) : undefined;
}

function listApps(url: URL, userId: string, saved: SavedIntegration[], pageSize: number): Response {
  const offset = decodeCursor(url.searchParams.get("_cursor"));
  // Django REST framework's cursor pagination answers a forged cursor this way.
  if (offset === undefined) return sandboxRefusal(404, "Invalid cursor");
  const connectedOnly = ["true", "1"].includes(url.searchParams.get("connected_only")?.toLowerCase() ?? "");
  const apps = SANDBOX_APPS.map((app) => sandboxAppJson(app, userId, saved)).filter(
    (app) => !connectedOnly || app.connected_accounts.length > 0,
  );
  const next = offset + Math.max(1, pageSize);
  const page = apps.slice(offset, next);
  return sandboxJson(next < apps.length ? { apps: page, _cursor: encodeCursor(next) } : { apps: page });
}

export async function answerSandboxRestCall(call: SandboxRestCall): Promise<Response> {
  const caller = await authenticateRestApiCaller(call.request, call.url, call.config);
  if (!caller.ok) return caller.response;
  const saved = await call.store.list(caller.userId);
  if (call.route === "rest-list-apps") return listApps(call.url, caller.userId, saved, call.settings.appsPageSize);
  const app = findSandboxApp(call.appName ?? "");
  return app ? sandboxJson(sandboxAppJson(app, caller.userId, saved)) : sandboxRefusal(404, "App not found");
}
