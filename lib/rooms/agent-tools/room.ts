import type { Room } from "@/lib/room";

/** The functions of the apps a user has connected, as tools for AI agents: Integry's Functions API, from the server. */
export const agentToolsRoom = {
  name: "agent-tools",
  routes: ["app/api/agent-tools"],
} satisfies Room;
