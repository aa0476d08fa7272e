import "server-only";

import {
  callIntegryApi,
  listAllPages,
  type IntegryApiCredentials,
  type IntegryApiOptions,
} from "@/lib/integry/server/rest-request";
import {
  functionCallRefusal,
  parseFunction,
  parseFunctionResult,
  parseFunctionsPage,
  type FunctionResult,
  type IntegryFunction,
} from "@/lib/rooms/agent-tools/function-shape";

export type { FunctionResult, IntegryFunction } from "@/lib/rooms/agent-tools/function-shape";

// 20 pages of 50: far past what one user's connected apps offer; beyond it, fail rather than return a partial list.
export const MAX_FUNCTION_PAGES = 20;

export interface FunctionFilter {
  /** Only the functions of apps the identity has connected: what an agent can actually run. */
  connectedOnly?: boolean;
  type?: "QUERY" | "ACTION";
  /** An app's machine name, e.g. "slack". */
  app?: string;
}

/** Every function Integry offers the identity, page after page, with each one's type and app (`include=meta`). */
export async function listFunctions(
  credentials: IntegryApiCredentials,
  options: IntegryApiOptions,
  { connectedOnly = true, type, app }: FunctionFilter = {},
): Promise<IntegryFunction[]> {
  const query: Record<string, string> = { connected_only: String(connectedOnly), include: "meta" };
  if (type) query.type = type;
  if (app) query.app = app;
  return listAllPages(
    {
      call: { path: "/functions/list/", query, subject: "functions list" },
      parsePage: (answer) => {
        const { functions, _cursor } = parseFunctionsPage(answer);
        return { items: functions, next: _cursor };
      },
      maxPages: MAX_FUNCTION_PAGES,
      what: "functions",
    },
    credentials,
    options,
  );
}

/** One function's description and JSON schema. */
export async function getFunction(
  credentials: IntegryApiCredentials,
  options: IntegryApiOptions,
  name: string,
): Promise<IntegryFunction> {
  const answer = await callIntegryApi(
    {
      path: `/functions/${encodeURIComponent(name)}/get/`,
      query: { include: "meta" },
      body: {},
      subject: `function ${name}`,
      refusal: functionCallRefusal(name),
    },
    credentials,
    options,
  );
  return parseFunction(answer);
}

export interface FunctionCall {
  name: string;
  /** The function's arguments, as its JSON schema describes them. */
  arguments: Record<string, unknown>;
  /** Values for variable tags such as "{first_name}" in the arguments. */
  variables?: Record<string, unknown>;
  /** Which of the identity's accounts of the app, when it has several. */
  connectedAccountId?: string;
}

/**
 * Runs a function as the identity the credentials name, and only as it: the arguments are the function's own, never
 * a user, an account or a hash. Not repeated on a timeout or a 5xx, as it may have run; an app's own failure comes
 * back as `network_code`, not as an error.
 */
export async function callFunction(
  credentials: IntegryApiCredentials,
  options: IntegryApiOptions,
  call: FunctionCall,
): Promise<FunctionResult> {
  // The arguments go at the top level of the body, beside `_variables`: "_"-prefixed names are Integry's.
  const functionArguments = Object.fromEntries(
    Object.entries(call.arguments).filter(([name]) => !name.startsWith("_")),
  );
  const answer = await callIntegryApi(
    {
      path: `/functions/${encodeURIComponent(call.name)}/call/`,
      query: call.connectedAccountId ? { connected_account_id: call.connectedAccountId } : {},
      body: { ...functionArguments, ...(call.variables && { _variables: call.variables }) },
      subject: `function ${call.name}`,
      repeatable: false,
      refusal: functionCallRefusal(call.name),
    },
    credentials,
    options,
  );
  return parseFunctionResult(answer);
}
