"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

import type { EmbedRenderMode } from "@/lib/integry/shared/embed-options";
import { CONNECTION_EVENTS } from "@/lib/integry/browser/sdk-events";
import { useIntegrySdk } from "@/lib/integry/browser/use-integry-sdk";

import { EmbedStatus, MissingVariablesWarning } from "./embed-status";
import { EventLog, summarizePayload, type EmbedEvent } from "./event-log";
import "./integrations.css";
import "./integry-theme.css";

function LiveEmbed({ renderMode, onRetry }: { renderMode: EmbedRenderMode; onRetry: () => void }) {
  const router = useRouter();
  const [events, setEvents] = useState<EmbedEvent[]>([]);
  const nextEventId = useRef(0);
  const { containerRef, state, missingVariables } = useIntegrySdk({
    renderMode,
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
