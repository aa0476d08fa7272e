"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import styles from "@/lib/rooms/agent-tools/token-manager.module.css";

export interface TokenRow {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
}

/** How each client people use takes a remote MCP server with a header: what the user pastes, token included. */
function clientConfigs(url: string, token: string): { client: string; config: string }[] {
  const header = `Bearer ${token}`;
  return [
    {
      client: "Claude Code",
      config: `claude mcp add --transport http integry ${url} --header "Authorization: ${header}"`,
    },
    {
      client: "Cursor (~/.cursor/mcp.json)",
      config: JSON.stringify({ mcpServers: { integry: { url, headers: { Authorization: header } } } }, null, 2),
    },
    {
      client: "VS Code (.vscode/mcp.json)",
      config: JSON.stringify(
        { servers: { integry: { type: "http", url, headers: { Authorization: header } } } },
        null,
        2,
      ),
    },
  ];
}

const day = (iso: string) => iso.slice(0, 10);

export function TokenManager({ tokens }: { tokens: TokenRow[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const create = async () => {
    setProblem(null);
    const response = await fetch("/api/agent-tools/tokens", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: name || "AI agent" }),
    });
    const body = (await response.json()) as { name: string; token: string } | { error: { message: string } };
    if ("error" in body) return setProblem(body.error.message);
    setCreated(body);
    setName("");
    router.refresh();
  };

  const revoke = async (id: number) => {
    await fetch(`/api/agent-tools/tokens/${id}`, { method: "DELETE" });
    router.refresh();
  };

  const url = typeof window === "undefined" ? "/api/mcp" : `${window.location.origin}/api/mcp`;
  return (
    <div className="token-manager">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <label>
          Token name{" "}
          <input
            data-testid="token-name"
            value={name}
            maxLength={60}
            placeholder="Claude Code"
            onChange={(e) => setName(e.target.value)}
          />
        </label>{" "}
        <button type="submit" className="button">
          Create token
        </button>
      </form>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {created && (
        <div data-testid="new-token">
          <p>
            <strong>{created.name}</strong>: copy it now, it will not be shown again.
          </p>
          {clientConfigs(url, created.token).map(({ client, config }) => (
            <figure key={client} className={styles.config}>
              <figcaption>{client}</figcaption>
              <pre>
                <code>{config}</code>
              </pre>
              <button
                type="button"
                className="button secondary"
                onClick={() => void navigator.clipboard?.writeText(config)}
              >
                Copy
              </button>
            </figure>
          ))}
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="muted">No token yet.</p>
      ) : (
        <ul className="token-list" data-testid="agent-tokens">
          {tokens.map((token) => (
            <li key={token.id}>
              <strong>{token.name}</strong>{" "}
              <span className="muted">
                created {day(token.createdAt)}, last used {token.lastUsedAt ? day(token.lastUsedAt) : "never"}, expires{" "}
                {day(token.expiresAt)}
              </span>{" "}
              <button type="button" className="button secondary" onClick={() => void revoke(token.id)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
