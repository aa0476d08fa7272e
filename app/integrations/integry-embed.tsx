"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

import type { EmbedRenderMode } from "@/lib/integry/embed-options";
import { CONNECTION_EVENTS, startIntegrySdk, stopIntegrySdk } from "@/lib/integry/sdk-lifecycle";
import type { ApiErrorBody, IntegryParams } from "@/lib/integry/types";

import { EventLog, summarizePayload, type EmbedEvent } from "./event-log";
import "./integry-theme.css";

type EmbedState =
  | { status: "loading" }
  | { status: "live"; sandbox: boolean }
  | { status: "rejected"; userId: string }
  | { status: "failed"; code: string; message: string };

class ParamsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function fetchIntegryParams(): Promise<IntegryParams> {
  const response = await fetch("/api/integry-params", { cache: "no-store" });
  if (response.ok) return (await response.json()) as IntegryParams;
  const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
  throw new ParamsError(
    body?.error.code ?? "internal",
    body?.error.message ?? `The server answered ${response.status}.`,
  );
}

/**
 * One embed for one identity: the params request and the SDK download start together, then the
 * SDK starts in the container this component owns. Remount (change the key) for a fresh embed.
 */
function LiveEmbed({ renderMode, onRetry }: { renderMode: EmbedRenderMode; onRetry: () => void }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const router = useRouter();
  // Re-renders the page's server parts (the connected-apps panel) in place; the SDK keeps running.
  const refreshServerParts = useRef(() => router.refresh());
  const [state, setState] = useState<EmbedState>({ status: "loading" });
  const [events, setEvents] = useState<EmbedEvent[]>([]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    // StrictMode runs this twice: the flag stops the first run before it starts an SDK.
    let cancelled = false;
    let started: ReturnType<typeof startIntegrySdk> | undefined;
    let nextEventId = 0;
    const record = (name: string, payload: unknown) => {
      if (cancelled) return;
      const event = { id: nextEventId++, name, detail: summarizePayload(payload), at: performance.now() };
      setEvents((previous) => [event, ...previous].slice(0, 50));
      if (CONNECTION_EVENTS.has(name)) refreshServerParts.current();
    };

    Promise.all([fetchIntegryParams(), import("@integry/sdk")])
      .then(([params, { IntegryJS }]) => {
        if (cancelled) return;
        started = startIntegrySdk(IntegryJS, params, container, renderMode, record);
        setState({ status: "live", sandbox: params.sandboxBaseUrl !== null });

        // The SDK only logs a console error when Integry refuses the hash; ask it directly.
        const { sdk, mount } = started;
        return sdk.verifyAuthConfig().then((verified) => {
          if (cancelled || verified?.config_verified) return;
          mount.replaceChildren();
          setState({ status: "rejected", userId: params.userId });
        });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        const { code, message } =
          error instanceof ParamsError ? error : { code: "network", message: "The integrations could not be loaded." };
        setState({ status: "failed", code, message });
      });

    return () => {
      cancelled = true;
      stopIntegrySdk(started);
    };
  }, [renderMode]);

  return (
    <div className="embed-layout">
      <div className="embed-main">
        <EmbedStatus state={state} onRetry={onRetry} />
        <div ref={containerRef} data-testid="integry-container" hidden={state.status !== "live"} />
      </div>
      <EventLog events={events} />
    </div>
  );
}

function EmbedStatus({ state, onRetry }: { state: EmbedState; onRetry: () => void }) {
  const retry = (
    <button type="button" className="button secondary" onClick={onRetry}>
      Retry
    </button>
  );
  switch (state.status) {
    case "loading":
      return (
        <p role="status" className="muted">
          Loading integrations…
        </p>
      );
    case "live":
      return state.sandbox ? (
        <p className="badge" data-testid="sandbox-badge">
          Sandbox: sample data served by this app. Set INTEGRY_APP_KEY, INTEGRY_APP_SECRET and INTEGRY_DEPLOYMENT_ID to
          show your real deployment.
        </p>
      ) : null;
    case "rejected":
      return (
        <div role="alert" className="panel error-panel" data-testid="embed-error">
          <h2>Integry rejected the embed&apos;s credentials</h2>
          <p>
            The hash for user ID <code>{state.userId}</code> was not accepted. Check that INTEGRY_APP_SECRET belongs to
            INTEGRY_APP_KEY, that INTEGRY_SCOPE matches how your flows are shared, and that this is the user ID you
            expect.
          </p>
          {retry}
        </div>
      );
    case "failed":
      return (
        <div role="alert" className="panel error-panel" data-testid="embed-error">
          <h2>{state.code === "unauthenticated" ? "You are signed out" : "The integrations could not be loaded"}</h2>
          <p>{state.message}</p>
          {state.code === "unauthenticated" ? (
            <Link className="button" href="/sign-in?callbackUrl=/integrations">
              Sign in
            </Link>
          ) : (
            retry
          )}
        </div>
      );
  }
}

/** The Integry marketplace for the signed-in user, with a log of the SDK's events beside it. */
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
