import "server-only";

import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { LRUCache } from "lru-cache";

import { getAuthSettings } from "@/lib/auth/settings";
import { readBoundedJson } from "@/lib/bounded-body";
import { getAppDatabase, type Database } from "@/lib/db/client";
import { secondsToRefillOne, spendAllowance } from "@/lib/db/rate-limit";
import { AppError, errorResponse, NO_STORE } from "@/lib/errors";
import { getIntegryConfig, type IntegryConfig } from "@/lib/integry/server/config";
import { integryCredentials } from "@/lib/integry/server/params";
import { IntegryApiError } from "@/lib/integry/server/rest-error";
import { integryApiOptions, type IntegryApiCredentials } from "@/lib/integry/server/rest-request";
import { assertSameOrigin, publicHost } from "@/lib/same-origin";
import { recordCall, type CallOutcome } from "@/lib/rooms/agent-tools/calls";
import { callFunction, listFunctions } from "@/lib/rooms/agent-tools/functions";
import { getMcpRequestsPerMinute } from "@/lib/rooms/agent-tools/settings";
import { agentTokenAllowances } from "@/lib/rooms/agent-tools/tables";
import { tokenHolder, type TokenHolder } from "@/lib/rooms/agent-tools/tokens";
import { agentToolOf } from "@/lib/rooms/agent-tools/tools";

// A tools/call carries one function's arguments: 64 KB is far past any, and bounds what one request makes us parse.
const MAX_MCP_BODY_BYTES = 64 * 1024;
// An identity's tools change when it connects an app: half a minute stale at most, and tools/list costs no Integry call.
const toolLists = new LRUCache<string, Tool[]>({ max: 1000, ttl: 30_000 });
const BUCKETS = {
  table: agentTokenAllowances,
  key: agentTokenAllowances.tokenId,
  tokens: agentTokenAllowances.tokens,
  refilledAt: agentTokenAllowances.refilledAt,
};

// What every refused token gets (RFC 6750): the client learns to send a bearer token, and nothing about why.
const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="mcp"', ...NO_STORE };

function bearerToken(request: Request): string | undefined {
  const match = /^Bearer ([^\s]+)$/.exec(request.headers.get("authorization") ?? "");
  return match?.[1];
}

/** The token's holder, still allowed in: a missing, malformed, revoked or expired token, or a revoked user, is a 401. */
async function authenticate(request: Request, db: Database, config: IntegryConfig): Promise<TokenHolder> {
  const token = bearerToken(request);
  const holder = token ? await tokenHolder(db, token, config.deploymentId) : undefined;
  const { revokedIds } = getAuthSettings();
  if (!holder || [holder.user.id, holder.user.accountId].some((id) => revokedIds.has(id))) {
    throw new AppError("unauthenticated", "Send a live personal access token: Authorization: Bearer <token>.");
  }
  return holder;
}

async function toolsOf(credentials: IntegryApiCredentials, config: IntegryConfig): Promise<Tool[]> {
  const key = `${credentials.appKey}\n${credentials.userId}`;
  const cached = toolLists.get(key);
  if (cached) return cached;
  const functions = await listFunctions(credentials, await integryApiOptions(config));
  const tools = functions.map((fn) => {
    const { name, description, parameters } = agentToolOf(fn).function;
    return { name, description, inputSchema: parameters };
  });
  toolLists.set(key, tools);
  return tools;
}

// Where the user connects an app, as they reach this app: by the Host the agent used (behind a proxy, X-Forwarded-*),
// as lib/same-origin.ts judges it; Next's request.url names the address the server listens on instead.
function connectPageFor(request: Request): string {
  const own = new URL(request.url);
  const host = publicHost(request) ?? own.host;
  const protocol = request.headers.get("x-forwarded-proto") ?? own.protocol.slice(0, -1);
  return `${protocol}://${host}/integrations`;
}

const textResult = (text: string, isError = false): CallToolResult => ({ content: [{ type: "text", text }], isError });

/** One MCP server for one request, acting as one identity: nothing from the request can name another. */
function serverFor(
  credentials: IntegryApiCredentials,
  config: IntegryConfig,
  connectPage: string,
  record: (tool: string, outcome: CallOutcome) => Promise<void>,
): Server {
  const server = new Server({ name: "integry-next-starter", version: "0.1.0" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => {
    try {
      return { tools: await toolsOf(credentials, config) };
    } catch (error) {
      if (error instanceof IntegryApiError) throw new McpError(ErrorCode.InternalError, error.message);
      throw error;
    }
  });
  server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
    try {
      const result = await callFunction(credentials, await integryApiOptions(config), {
        name: params.name,
        arguments: params.arguments ?? {},
      });
      const ok = /^2\d\d$/.test(result.network_code);
      await record(params.name, ok ? "ok" : "failed");
      return textResult(JSON.stringify({ network_code: result.network_code, output: result.output }), !ok);
    } catch (error) {
      if (!(error instanceof IntegryApiError)) throw error;
      // A tool error, not a protocol one: the model reads it, and can tell the user what to do.
      if (error.code === "not_connected") {
        await record(params.name, "not_connected");
        return textResult(`${error.message} Connect it at ${connectPage}`, true);
      }
      await record(params.name, "failed");
      return textResult(error.message, true);
    }
  });
  return server;
}

/**
 * POST /api/mcp: the Streamable HTTP transport, stateless, so any instance answers any request. Checks come before
 * any body is read: the Origin (a browser page of another site gets 403), the token (401), the token's allowance
 * (429), then a bounded body (413).
 */
export async function answerMcp(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const config = getIntegryConfig();
    const db = await getAppDatabase();
    const holder = await authenticate(request, db, config);
    const perMinute = getMcpRequestsPerMinute();
    if (!(await spendAllowance(db, BUCKETS, String(holder.tokenId), perMinute))) {
      throw new AppError("rate_limited", `At most ${perMinute} requests a minute per token: try again shortly.`, {
        retryAfterSeconds: secondsToRefillOne(perMinute),
      });
    }
    const parsedBody = await readBoundedJson(request, MAX_MCP_BODY_BYTES);
    const connectPage = connectPageFor(request);
    // Under the account scope the token acts as the account, but its calls are shown to the user who made it.
    // The function has run by then: a log that cannot be written must not turn its result into an error the agent
    // would retry, posting twice.
    const record = (tool: string, outcome: CallOutcome) =>
      recordCall(db, { userId: holder.user.id, tokenId: holder.tokenId, tool, outcome }).catch((error: unknown) =>
        console.error("An agent call was not recorded:", error instanceof Error ? error.name : typeof error),
      );
    const server = serverFor(integryCredentials(holder.user, config), config, connectPage, record);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(request, { parsedBody });
    } finally {
      await server.close();
    }
  } catch (error) {
    const unauthenticated = error instanceof AppError && error.code === "unauthenticated";
    return errorResponse(error, unauthenticated ? CHALLENGE : NO_STORE);
  }
}
