import "server-only";

import type { SessionUser } from "@/lib/auth/session";
import { getAppDatabase } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recentCalls, type CallOutcome, type CallSummary } from "@/lib/rooms/agent-tools/calls";
import { TokenManager } from "@/lib/rooms/agent-tools/token-manager";
import { ToolList } from "@/lib/rooms/agent-tools/tool-list";
import {
  listTokens,
  MAX_TOKENS_PER_USER,
  TOKEN_LIFETIME_DAYS,
  type TokenSummary,
} from "@/lib/rooms/agent-tools/tokens";

const OUTCOMES: Record<CallOutcome, string> = { ok: "done", failed: "failed", not_connected: "app not connected" };
// Minutes are what a user recognises; the server's time zone is not theirs, so say it is UTC.
const minute = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** "Use with AI agents": the user's personal access tokens for /api/mcp, and how to give one to an agent. */
export async function AgentToolsPanel({ user }: { user: SessionUser }) {
  let tokens: TokenSummary[] | undefined;
  let calls: CallSummary[] = [];
  let problem: string | undefined;
  try {
    const db = await getAppDatabase();
    [tokens, calls] = await Promise.all([listTokens(db, user), recentCalls(db, user)]);
  } catch (error) {
    // The database's own message names what to set (DATABASE_URL, the PGlite folder) and carries no secret.
    if (!(error instanceof AppError)) throw error;
    problem = error.message;
  }
  return (
    <section className="panel" aria-labelledby="agent-tools-title" data-testid="agent-tools">
      <h2 id="agent-tools-title">Use with AI agents</h2>
      <p className="muted">
        An MCP endpoint of your own: an agent (Claude Code, Cursor, VS Code) gets the functions of the apps you have
        connected as tools, and runs them as you. Create a token for each agent; it is shown once, lasts{" "}
        {TOKEN_LIFETIME_DAYS} days, and you can revoke it here at any time (at most {MAX_TOKENS_PER_USER} at once).
      </p>
      <ToolList user={user} />
      {problem ? (
        <p role="alert" className="error">
          Tokens could not be loaded: {problem}
        </p>
      ) : (
        <TokenManager
          tokens={tokens!.map(({ id, name, createdAt, lastUsedAt, expiresAt }) => ({
            id,
            name,
            createdAt: createdAt.toISOString(),
            lastUsedAt: lastUsedAt?.toISOString() ?? null,
            expiresAt: expiresAt.toISOString(),
          }))}
        />
      )}
      {calls.length > 0 && (
        <>
          <h3>What your agents ran</h3>
          <ul className="token-list" data-testid="agent-calls">
            {calls.map((call) => (
              <li key={call.id}>
                <code>{call.tool}</code> <span className="muted">via {call.tokenName},</span> {OUTCOMES[call.outcome]}{" "}
                <span className="muted">{minute(call.calledAt)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
