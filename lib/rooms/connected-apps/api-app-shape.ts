import { IntegryApiError } from "@/lib/integry/server/rest-error";

export interface IntegryConnectedAccount {
  id: number;
  displayName: string;
  modifiedAt: string;
}

export interface IntegryApp {
  id: number;
  name: string;
  title: string;
  iconUrl: string;
  docsUrl: string;
  connectedAccounts: IntegryConnectedAccount[];
}

export interface IntegryAppsPage {
  apps: IntegryApp[];
  cursor: string | undefined;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function malformed(problem: string): IntegryApiError {
  return new IntegryApiError(
    "malformed",
    `Integry's answer is not the shape this client expects (${problem}): its API may have changed.`,
  );
}

function integer(value: unknown, where: string): number {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  throw malformed(`${where} is not an integer`);
}

function text(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  throw malformed(`${where} is not a string`);
}

// The documented samples show "" for a missing URL; null is read the same way.
function url(value: unknown, where: string): string {
  return value === null || value === undefined ? "" : text(value, where);
}

function account(value: unknown, where: string): IntegryConnectedAccount {
  if (!isObject(value)) throw malformed(`${where} is not an object`);
  return {
    id: integer(value.id, `${where}.id`),
    displayName: text(value.display_name, `${where}.display_name`),
    modifiedAt: text(value.modified_at, `${where}.modified_at`),
  };
}

function parseIntegryApp(value: unknown, where: string): IntegryApp {
  if (!isObject(value)) throw malformed(`${where} is not an object`);
  const accounts = value.connected_accounts;
  if (!Array.isArray(accounts)) throw malformed(`${where}.connected_accounts is not a list`);
  return {
    id: integer(value.id, `${where}.id`),
    name: text(value.name, `${where}.name`),
    title: text(value.title, `${where}.title`),
    iconUrl: url(value.icon_url, `${where}.icon_url`),
    docsUrl: url(value.docs_url, `${where}.docs_url`),
    connectedAccounts: accounts.map((item, index) => account(item, `${where}.connected_accounts[${index}]`)),
  };
}

export function parseIntegryAppsPage(value: unknown): IntegryAppsPage {
  if (!isObject(value)) throw malformed("the body is not an object");
  if (!Array.isArray(value.apps)) throw malformed("apps is not a list");
  const cursor = value._cursor;
  if (cursor !== undefined && cursor !== null && typeof cursor !== "string") {
    throw malformed("_cursor is not a string");
  }
  return {
    apps: value.apps.map((app, index) => parseIntegryApp(app, `apps[${index}]`)),
    cursor: cursor || undefined,
  };
}
