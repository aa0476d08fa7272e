"use client";

import { useState, useSyncExternalStore } from "react";

interface Connected {
  authorization_id: number;
  user_identity: string;
  app_id: number;
  already_exists: boolean;
}

/**
 * Connects the account, then tells the page that opened this popup what Integry's own page tells it: the SDK's
 * apps view adds `authorization_id` as an account named `user_identity`, and emits `app-connected`.
 */
export function SandboxConnectForm({ appTitle, connectUrl }: { appTitle: string; connectUrl: string }) {
  // Enabled once hydrated: a click before that would submit the form natively, and connect nothing.
  const hydrated = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  const [outcome, setOutcome] = useState<{ connected?: string; problem?: string }>({});

  const allow = async (name: string) => {
    const response = await fetch(connectUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ display_name: name }),
    });
    const body = (await response.json().catch(() => null)) as (Connected & { detail?: string }) | null;
    if (!response.ok || !body) {
      return setOutcome({ problem: body?.detail ?? `The sandbox answered ${response.status}.` });
    }
    const message = { activity_name: "Connect account", external_id: null, ...body };
    // Same origin only: the opener is this app's own page.
    window.opener?.postMessage(message, window.location.origin);
    setOutcome({ connected: body.user_identity });
    if (window.opener) window.close();
  };

  if (outcome.connected) return <p role="status">Connected {outcome.connected}. You can close this window.</p>;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void allow(String(new FormData(event.currentTarget).get("name") ?? ""));
      }}
    >
      <label>
        Account name <input name="name" defaultValue={`${appTitle} workspace`} maxLength={100} />
      </label>{" "}
      <button type="submit" className="button" disabled={!hydrated}>
        Allow
      </button>
      {outcome.problem && (
        <p role="alert" className="error">
          {outcome.problem}
        </p>
      )}
    </form>
  );
}
