import { sandboxAppJson, sandboxAppName } from "@/lib/rooms/sandbox/app-connections";
import type { RestApiCaller } from "@/lib/rooms/sandbox/endpoint";
import { isJsonObject, readFunctionArguments, type FunctionArguments } from "@/lib/rooms/sandbox/function-arguments";
import { readJsonBody, sandboxJson, sandboxRefusal } from "@/lib/rooms/sandbox/http";
import { asksConnectedOnly, restPage } from "@/lib/rooms/sandbox/rest-lists";
import {
  findSandboxFunction,
  FUNCTION_TYPES,
  SANDBOX_FUNCTIONS,
  type SandboxFunction,
} from "@/lib/rooms/sandbox/sample-functions";
import { unstorableJson } from "@/lib/rooms/sandbox/storable-json";
import type { SandboxStore } from "@/lib/rooms/sandbox/store";

const INVALID_INPUT =
  "Could not call the function due to invalid input. Please see `error_details` for further information.";
const CALLS_PAGE_SIZE = 50;

const appOf = (fn: SandboxFunction, caller: RestApiCaller) => sandboxAppJson(fn.app, caller);

// Integry describes a function's type and app only with include=meta. The docs give meta no shape: this is what
// the SDK reads of it (id, version, type, ui.title, app), with the caller's accounts as an App object lists them.
function functionJson(fn: SandboxFunction, caller: RestApiCaller, url: URL) {
  const json = { name: fn.name, description: fn.description, parameters: fn.parameters };
  if (!(url.searchParams.get("include") ?? "").split(",").includes("meta")) return json;
  const { id, name, title, icon_url, connected_accounts } = appOf(fn, caller);
  const app = { id, name, title, icon_url, connected_accounts };
  return { ...json, meta: { id: fn.id, version: 1, type: fn.type, ui: { title: fn.title }, app } };
}

export function listFunctions(url: URL, caller: RestApiCaller, pageSize: number): Response {
  // The docs spell types in capitals and lower case both.
  const type = url.searchParams.get("type")?.toUpperCase();
  if (type !== undefined && !FUNCTION_TYPES.some((known) => known === type)) {
    return sandboxJson({ type: [`Allowed values: ${FUNCTION_TYPES.join(", ")}.`] }, 400);
  }
  // The docs' example is `app=Hubspot`: app names match whatever their case.
  const app = url.searchParams.get("app")?.toLowerCase();
  const connectedOnly = asksConnectedOnly(url);
  const matching = SANDBOX_FUNCTIONS.filter(
    (fn) =>
      (type === undefined || fn.type === type) &&
      (app === undefined || sandboxAppName(fn.app) === app) &&
      (!connectedOnly || appOf(fn, caller).connected_accounts.length > 0),
  );
  const page = restPage(matching, url, pageSize);
  if (!page) return sandboxRefusal(404, "Invalid cursor");
  const functions = page.items.map((fn) => functionJson(fn, caller, url));
  return sandboxJson({ functions, _cursor: page.nextCursor ?? null });
}

export function getFunction(name: string, url: URL, caller: RestApiCaller): Response {
  const fn = findSandboxFunction(name);
  return fn ? sandboxJson(functionJson(fn, caller, url)) : sandboxRefusal(404, "Function not found");
}

// Integry calls with the app's one account unless told which; an account that is not the caller's is no account.
function accountFor(fn: SandboxFunction, caller: RestApiCaller, requested: string | null) {
  const accounts = appOf(fn, caller).connected_accounts;
  return requested === null ? accounts[0] : accounts.find((account) => String(account.id) === requested);
}

function notConnected(fn: SandboxFunction, requested: string | null): string {
  const which = requested === null ? "their" : "a";
  const given = requested === null ? "" : " with this connected_account_id";
  const connect = `connect('${sandboxAppName(fn.app)}')`;
  return (
    `User has not connected ${which} ${fn.app.name} account${given}. ` +
    `To connect an account, please call following SDK method: \`${connect}\``
  );
}

type Account = ReturnType<typeof accountFor>;

// The docs do not say which Integry checks first; without an account nothing can run, so the sandbox asks for one.
function answer(fn: SandboxFunction, args: FunctionArguments, account: Account, requested: string | null) {
  if (!account) {
    return { status: 400, body: { error: INVALID_INPUT, error_details: [notConnected(fn, requested)] } };
  }
  if (Object.keys(args.errors).length > 0) {
    return { status: 400, body: { error: INVALID_INPUT, error_details: args.errors } };
  }
  const { networkCode, output } = fn.run(args.values);
  return { status: 200, body: { network_code: networkCode, output } };
}

export interface FunctionCallRequest {
  name: string;
  request: Request;
  url: URL;
  store: SandboxStore;
  caller: RestApiCaller;
}

/** Runs the function with the body's arguments, and records the call and its answer for the caller. */
export async function callFunction({ name, request, url, store, caller }: FunctionCallRequest): Promise<Response> {
  const fn = findSandboxFunction(name);
  if (!fn) return sandboxRefusal(404, "Function not found");
  // "If there are no required parameters, you don't have to pass anything."
  const body = await readJsonBody(request, {});
  if (!body.ok) return body.response;
  if (!isJsonObject(body.value)) {
    return sandboxRefusal(400, "The body must be a JSON object: the function's arguments.");
  }
  // Recorded as sent, so what cannot be stored is refused now.
  const problem = unstorableJson(body.value);
  if (problem) return sandboxRefusal(400, `The body may not contain ${problem}.`);
  const requested = url.searchParams.get("connected_account_id");
  const account = accountFor(fn, caller, requested);
  const args = readFunctionArguments(fn, body.value);
  const { status, body: response } = answer(fn, args, account, requested);
  // Refusals too, unlike Integry's Calls Log: this list is for watching what an agent tried. An identity that never
  // saved an integration has connected nothing, and, as for runs, the store keeps nothing for it.
  await store.recordFunctionCall(caller.userId, {
    functionName: fn.name,
    arguments: args.sent,
    connectedAccountId: account?.id ?? null,
    status,
    response,
  });
  return sandboxJson(response, status);
}

/** Sandbox-only, not Integry's: the caller's latest calls, newest first, so tests and the UI can see what ran. */
export async function listFunctionCalls(store: SandboxStore, caller: RestApiCaller): Promise<Response> {
  return sandboxJson({ calls: await store.listFunctionCalls(caller.userId, CALLS_PAGE_SIZE) });
}
