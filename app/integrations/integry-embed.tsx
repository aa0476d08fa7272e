"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

import type { EmbedRenderMode, EmbedView } from "@/lib/integry/shared/embed-options";
import { CONNECTION_EVENTS, isAccountConnectedMessage } from "@/lib/integry/browser/sdk-events";
import { useIntegrySdk } from "@/lib/integry/browser/use-integry-sdk";

import { EmbedStatus, MissingVariablesWarning } from "./embed-status";
import { EventLog, summarizePayload, type EmbedEvent } from "./event-log";
import "./integrations.css";
import "./integry-theme.css";

interface EmbedChoice {
  view: EmbedView;
  renderMode: EmbedRenderMode;
}

function LiveEmbed({ view, renderMode, onRetry }: EmbedChoice & { onRetry: () => void }) {
  const router = useRouter();
  const [events, setEvents] = useState<EmbedEvent[]>([]);
  const nextEventId = useRef(0);
  const { containerRef, state, missingVariables } = useIntegrySdk({
    view,
    renderMode,
    onEvent: (name, payload) => {
      const event = { id: nextEventId.current++, name, detail: summarizePayload(payload), at: performance.now() };
      setEvents((previous) => [event, ...previous].slice(0, 50));
      if (CONNECTION_EVENTS.has(name)) router.refresh();
    },
  });

  const sdkBaseUrl = state.status === "live" ? state.baseUrl : undefined;
  useEffect(() => {
    if (sdkBaseUrl === undefined) return;
    const refreshOnConnection = (event: MessageEvent) => {
      if (isAccountConnectedMessage(event, sdkBaseUrl)) router.refresh();
    };
    window.addEventListener("message", refreshOnConnection);
    return () => window.removeEventListener("message", refreshOnConnection);
  }, [sdkBaseUrl, router]);

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

export function IntegryEmbed({ identityKey, view, renderMode }: EmbedChoice & { identityKey: string }) {
  const [attempt, setAttempt] = useState(0);
  return (
    <div className="integry-embed">
      <LiveEmbed
        key={`${identityKey}:${view}:${renderMode}:${attempt}`}
        view={view}
        renderMode={renderMode}
        onRetry={() => setAttempt((previous) => previous + 1)}
      />
    </div>
  );
}
