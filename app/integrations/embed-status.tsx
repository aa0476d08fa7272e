import Link from "next/link";

import { Problem } from "@/lib/integry/browser/problem";
import type { EmbedState } from "@/lib/integry/browser/use-integry-sdk";

export function EmbedStatus({ state, onRetry }: { state: EmbedState; onRetry: () => void }) {
  switch (state.status) {
    case "loading":
      return (
        <p role="status" className="muted">
          Loading integrations…
        </p>
      );
    case "live":
      // Only the sandbox serves the SDK from this app's own origin.
      return state.baseUrl !== null ? (
        <p className="badge" data-testid="sandbox-badge">
          Sandbox: sample data served by this app. Set INTEGRY_APP_KEY, INTEGRY_APP_SECRET and INTEGRY_DEPLOYMENT_ID to
          show your real deployment.
        </p>
      ) : null;
    case "rejected":
      return (
        <Problem title="Integry rejected the embed's credentials" retry={onRetry}>
          <p>
            The hash for user ID <code>{state.userId}</code> was not accepted (HTTP {state.httpStatus}). Check that
            INTEGRY_APP_SECRET belongs to INTEGRY_APP_KEY, that INTEGRY_DEPLOYMENT_ID is the deployment to show, that
            INTEGRY_SCOPE matches how your flows are shared, and that this is the user ID you expect.
          </p>
        </Problem>
      );
    case "unavailable":
      return (
        <Problem
          title={`Integry is having trouble${state.httpStatus === 429 ? " (too many requests)" : ""}`}
          retry={onRetry}
        >
          <p>Integry answered HTTP {state.httpStatus}: nothing is wrong with your setup. Try again in a moment.</p>
        </Problem>
      );
    case "unreachable":
      return (
        <Problem title="Integry could not be reached" retry={onRetry}>
          <p>
            The browser got no answer from Integry: check the network, a proxy or firewall in between, and that the
            Content-Security-Policy in lib/content-security-policy.mjs allows Integry&apos;s origins (the browser
            console names a blocked request).
          </p>
        </Problem>
      );
    case "load-error":
      return state.code === "unauthenticated" ? (
        <Problem title="You are signed out">
          <p>{state.message}</p>
          <Link className="button" href="/sign-in?callbackUrl=/integrations">
            Sign in
          </Link>
        </Problem>
      ) : (
        <Problem title="The integrations could not be loaded" retry={onRetry}>
          <p>{state.message}</p>
        </Problem>
      );
  }
}

export function MissingVariablesWarning({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  return (
    <p role="status" className="panel warning-panel" data-testid="embed-warning">
      Some flows need {names.length === 1 ? "the user variable" : "the user variables"}{" "}
      {names.map((name, index) => (
        <span key={name}>
          {index > 0 ? ", " : ""}
          <code>{name}</code>
        </span>
      ))}
      , which this app does not send for you. Return {names.length === 1 ? "it" : "them"} from
      lib/integry/user-variables.ts (the deployment defines them in Integry → Workspace settings → Variables).
    </p>
  );
}
