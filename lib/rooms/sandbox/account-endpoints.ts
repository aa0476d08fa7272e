import {
  allowsSeveralAccounts,
  findSandboxApp,
  loadCaller,
  SANDBOX_APPS,
  sandboxAppJson,
  sandboxAppName,
} from "@/lib/rooms/sandbox/app-connections";
import type { SandboxEndpoint } from "@/lib/rooms/sandbox/endpoint";
import { isJsonObject } from "@/lib/rooms/sandbox/function-arguments";
import { readJsonBody, sandboxJson, sandboxRefusal } from "@/lib/rooms/sandbox/http";
import { getApp } from "@/lib/rooms/sandbox/rest-endpoints";

const MAX_DISPLAY_NAME = 100;

/** `POST {baseUrl}/apps/<name>/get/`: the SDK's apps view asks here, not at the REST API, for one app. */
export const getAppForSdk: SandboxEndpoint = async ({ store, config, userId, hash, name }) =>
  getApp(name, await loadCaller(store, config, { userId, hash }));

/**
 * `POST /apps/<name>/connect/`, the sandbox's own: the account its authorisation page connects. An app that takes
 * one account keeps the one it has, as Integry does (`already_exists`).
 */
export const connectAccount: SandboxEndpoint = async ({ request, store, userId, name }) => {
  const app = findSandboxApp(name);
  if (!app) return sandboxRefusal(404, "App not found");
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const displayName = isJsonObject(body.value) ? body.value.display_name : undefined;
  if (typeof displayName !== "string" || !displayName.trim() || displayName.length > MAX_DISPLAY_NAME) {
    return sandboxJson({ display_name: [`A name of 1 to ${MAX_DISPLAY_NAME} characters is required.`] }, 400);
  }
  const answer = (account: { id: number; displayName: string }, alreadyExists: boolean) =>
    sandboxJson({
      authorization_id: account.id,
      user_identity: account.displayName,
      app_id: app.id,
      already_exists: alreadyExists,
    });
  const existing = (await store.listAccounts(userId)).find((account) => account.appName === sandboxAppName(app));
  if (existing && !allowsSeveralAccounts(app)) return answer(existing, true);
  const account = await store.connectAccount(userId, sandboxAppName(app), displayName.trim());
  if (!account) return sandboxRefusal(422, "This user has connected as many accounts as the sandbox keeps.");
  return answer(account, false);
};

/**
 * `DELETE /connected-accounts/<id>`: the SDK counts only a 200 as done. The account the sandbox derives from a saved
 * flow is not one the user connected: it stays while the flow does.
 */
export const disconnectAccount: SandboxEndpoint = async ({ store, config, userId, hash, id }) => {
  if (await store.removeAccount(userId, id)) return sandboxJson({});
  const caller = await loadCaller(store, config, { userId, hash });
  const usedByFlow = SANDBOX_APPS.find((app) =>
    sandboxAppJson(app, caller).connected_accounts.some((account) => account.id === id),
  );
  if (usedByFlow)
    return sandboxRefusal(409, `A saved flow uses this ${usedByFlow.name} account: delete the flow first.`);
  return sandboxRefusal(404, "Connected account not found");
};
