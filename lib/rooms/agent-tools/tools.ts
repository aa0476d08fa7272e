import "server-only";

import type { SessionUser } from "@/lib/auth/session";
import { getIntegryConfig } from "@/lib/integry/server/config";
import { integryCredentials } from "@/lib/integry/server/params";
import { integryApiOptions } from "@/lib/integry/server/rest-request";
import { listFunctions, type IntegryFunction } from "@/lib/rooms/agent-tools/functions";

/** A tool as OpenAI's function calling (and most agent frameworks after it) takes one. */
export interface AgentTool {
  type: "function";
  function: { name: string; description: string; parameters: IntegryFunction["parameters"] };
}

/** An object with every `meta` key taken out, at any depth: Integry's rendering hints are nothing a model needs. */
function withoutMeta(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMeta);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "meta")
      .map(([key, inner]) => [key, withoutMeta(inner)]),
  );
}

export function agentToolOf({ name, description, parameters }: IntegryFunction): AgentTool {
  return {
    type: "function",
    function: { name, description, parameters: withoutMeta(parameters) as IntegryFunction["parameters"] },
  };
}

/** The session user's tools: the functions of the apps their identity has connected, asked of Integry's REST API. */
export async function loadAgentTools(user: SessionUser): Promise<AgentTool[]> {
  const config = getIntegryConfig();
  const functions = await listFunctions(integryCredentials(user, config), await integryApiOptions(config));
  return functions.map(agentToolOf);
}
