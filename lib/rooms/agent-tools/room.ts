import type { Room } from "@/lib/room";
import { AGENT_TOOLS_ENV } from "@/lib/rooms/agent-tools/settings";

/** The functions of the apps a user has connected, as tools for AI agents: a tools list, and an MCP endpoint. */
export const agentToolsRoom = {
  name: "agent-tools",
  routes: ["app/api/agent-tools", "app/api/mcp"],
  env: AGENT_TOOLS_ENV,
  envRules: () => ({ MCP_REQUESTS_PER_MINUTE: { unset: "unset: 120 MCP requests a minute per token" } }),
  migrations: { folder: "lib/rooms/agent-tools/migrations", table: "__drizzle_migrations_agent_tools" },
  panel: async () => (await import("@/lib/rooms/agent-tools/panel")).AgentToolsPanel,
} satisfies Room;
