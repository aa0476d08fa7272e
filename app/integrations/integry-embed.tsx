"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

import type { EmbedRenderMode } from "@/lib/integry/shared/embed-options";
import { CONNECTION_EVENTS } from "@/lib/integry/browser/sdk-events";
import { useIntegrySdk } from "@/lib/integry/browser/use-integry-sdk";
import type { ApiErrorBody, IntegryParams } from "@/lib/integry/shared/types";

import { EmbedStatus, MissingVariablesWarning, Problem } from "./embed-status";
import { EventLog, summarizePayload, type EmbedEvent } from "./event-log";
import "./integrations.css";
import "./integry-theme.css";

// Integry calls GET /api/v1/me with `user.apiKey`, and the SDK shows nothing when that fails: ask it once ourselves.
async function apiKeyProblem(params: IntegryParams): Promise<string | null> {
  if (!params.user.apiKey) return null;
  const response = await fetch("/api/v1/me", { headers: { Authorization: `Bearer ${params.user.apiKey}` } });
  if (response.status !== 401) return null;
  const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
  return body?.error.message ?? "The API key was refused.";
}

function LiveEmbed({ renderMode, onRetry }: { renderMode: EmbedRenderMode; onRetry: () => void }) {
  const router = useRouter();
  const [events, setEvents] = useState<EmbedEvent[]>([]);
  const nextEventId = useRef(0);
  const [keyProblem, setKeyProblem] = useState<string | null>(null);
  const { containerRef, state, missingVariables } = useIntegrySdk({
    renderMode,
    onStarted: (params) => void apiKeyProblem(params).then(setKeyProblem, () => {}),
    onEvent: (name, payload) => {
      const event = { id: nextEventId.current++, name, detail: summarizePayload(payload), at: performance.now() };
      setEvents((previous) => [event, ...previous].slice(0, 50));
      if (CONNECTION_EVENTS.has(name)) router.refresh();
    },
  });

  return (
    <div className="embed-layout">
      <div className="embed-main">
        <EmbedStatus state={state} onRetry={onRetry} />
        {keyProblem ? (
          <Problem title="This app's API key was refused">
            <p>
              {keyProblem} Flow steps that call this app as you will fail until the page is reloaded; if it persists,
              check INTEGRY_API_KEY_SECRET.
            </p>
          </Problem>
        ) : null}
        <MissingVariablesWarning names={missingVariables} />
        <div ref={containerRef} data-testid="integry-container" hidden={state.status !== "live"} />
      </div>
      <EventLog events={events} />
    </div>
  );
}

export function IntegryEmbed({ identityKey, renderMode }: { identityKey: string; renderMode: EmbedRenderMode }) {
  const [attempt, setAttempt] = useState(0);
  return (
    <div className="integry-embed">
      <LiveEmbed
        key={`${identityKey}:${renderMode}:${attempt}`}
        renderMode={renderMode}
        onRetry={() => setAttempt((previous) => previous + 1)}
      />
    </div>
  );
}
