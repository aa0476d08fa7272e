import { answerMcp } from "@/lib/rooms/agent-tools/mcp";

export const dynamic = "force-dynamic";

/** The MCP endpoint, one per user by their personal access token: their connected apps' functions as tools. */
export function POST(request: Request): Promise<Response> {
  return answerMcp(request);
}
