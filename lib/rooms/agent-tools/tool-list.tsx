import "server-only";

import { Suspense } from "react";

import type { SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { IntegryApiError } from "@/lib/integry/server/rest-error";
import { loadAgentTools } from "@/lib/rooms/agent-tools/tools";

async function ToolNames({ user }: { user: SessionUser }) {
  let names: string[];
  try {
    names = (await loadAgentTools(user)).map((tool) => tool.function.name);
  } catch (error) {
    // Their messages say what to do and carry no credential; the tokens above still work.
    if (!(error instanceof IntegryApiError || error instanceof AppError)) throw error;
    return (
      <p role="alert" className="error">
        The tools could not be listed: {error.message}
      </p>
    );
  }
  if (names.length === 0) {
    return <p className="muted">No tools yet: connect an app in the Apps view, and its functions appear here.</p>;
  }
  return (
    <p data-testid="agent-tool-names">
      An agent gets {names.length === 1 ? "1 tool" : `${names.length} tools`} now:{" "}
      {names.map((name, index) => (
        <span key={name}>
          {index > 0 && ", "}
          <code>{name}</code>
        </span>
      ))}
    </p>
  );
}

/** What an agent gets from /api/mcp now, streamed: asking Integry never delays the page, and it refreshes with it. */
export function ToolList({ user }: { user: SessionUser }) {
  return (
    <Suspense
      fallback={
        <p role="status" className="muted">
          Asking Integry for your tools…
        </p>
      }
    >
      <ToolNames user={user} />
    </Suspense>
  );
}
