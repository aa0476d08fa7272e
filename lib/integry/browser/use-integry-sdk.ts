import { useEffect, useEffectEvent, useRef, useState, type RefObject } from "react";

import type { EmbedRenderMode } from "@/lib/integry/shared/embed-options";
import { startIntegrySdk, stopIntegrySdk, type SdkEventName } from "@/lib/integry/browser/sdk-lifecycle";
import { watchSdkVerification } from "@/lib/integry/browser/sdk-verification";
import type { IntegryParams, IntegryUser } from "@/lib/integry/shared/types";

export type EmbedState =
  | { status: "loading" }
  | { status: "live"; sandbox: boolean }
  | { status: "rejected"; userId: string; httpStatus: number }
  | { status: "failing"; httpStatus: number }
  | { status: "unreachable" }
  | { status: "failed"; code: string; message: string };

function integryBaseUrl(params: IntegryParams): string {
  return params.baseUrl ? new URL(params.baseUrl, location.origin).href : "https://app.integry.io";
}

// The SDK only says "some" user variables are missing: ask which.
// The request the SDK itself makes first, so a probe sees exactly what the SDK saw.
function verifyUrlOf(params: IntegryParams): string {
  const url = new URL(`${integryBaseUrl(params)}/verify-sdk-config/`);
  url.search = new URLSearchParams({
    app_key: params.appKey,
    hash: params.hash,
    user_id: params.userId,
    bundle_id: params.deploymentId,
  }).toString();
  return url.href;
}

async function missingUserVariables(params: IntegryParams): Promise<string[]> {
  const url = new URL(`${integryBaseUrl(params)}/api/v1/app-user-variables/`);
  url.search = new URLSearchParams({ app_key: params.appKey, hash: params.hash, user_id: params.userId }).toString();
  const answer = (await (await fetch(url, { cache: "no-store" })).json()) as {
    results: { key: string; is_required?: boolean }[];
  };
  const user: Partial<IntegryUser> = params.user;
  // As the SDK checks: api_key always, any other variable when the deployment marks it required.
  return answer.results
    .filter(({ key, is_required }) => (key === "api_key" ? !user.apiKey : is_required && !user[key]))
    .map(({ key }) => key);
}

/** StrictMode's double effect starts one SDK: the first run is cancelled before it starts. */
export function useIntegrySdk(options: {
  loadParams: () => Promise<IntegryParams>;
  renderMode: EmbedRenderMode;
  onEvent?: (name: SdkEventName, payload: unknown) => void;
  onLoadError?: (error: unknown) => { code: string; message: string };
  onStarted?: (params: IntegryParams) => void;
}): { containerRef: RefObject<HTMLDivElement | null>; state: EmbedState; missingVariables: string[] } {
  const containerRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<EmbedState>({ status: "loading" });
  const [missingVariables, setMissingVariables] = useState<string[]>([]);
  const { renderMode } = options;
  const loadParams = useEffectEvent(() => options.loadParams());
  const emit = useEffectEvent((name: SdkEventName, payload: unknown) => options.onEvent?.(name, payload));
  const describe = useEffectEvent(
    (error: unknown) =>
      options.onLoadError?.(error) ?? { code: "internal", message: "The integrations could not be loaded." },
  );
  const started = useEffectEvent((params: IntegryParams) => options.onStarted?.(params));

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let cancelled = false;
    let sdk: ReturnType<typeof startIntegrySdk> | undefined;
    let verification: ReturnType<typeof watchSdkVerification> | undefined;

    Promise.all([loadParams(), import("@integry/sdk")])
      .then(([params, { IntegryJS }]) => {
        if (cancelled) return;
        const onEvent = (name: SdkEventName, payload: unknown) => {
          if (cancelled) return;
          if (name === "ready") verification?.sdkReady();
          emit(name, payload);
          if (
            name === "did-raise-sdk-embed-warning" &&
            (payload as { type?: string })?.type === "missing-user-variable-values"
          ) {
            missingUserVariables(params).then(
              (names) => !cancelled && setMissingVariables(names),
              () => {},
            );
          }
        };
        // Settles at most once, and never after `ready`: a live embed is never cleared.
        verification = watchSdkVerification(verifyUrlOf(params), (outcome) => {
          if (cancelled || outcome.outcome === "verified") return;
          sdk?.mount.replaceChildren();
          if (outcome.outcome === "rejected") {
            setState({ status: "rejected", userId: params.userId, httpStatus: outcome.status });
          } else if (outcome.outcome === "failing") {
            setState({ status: "failing", httpStatus: outcome.status });
          } else setState({ status: "unreachable" });
        });
        sdk = startIntegrySdk(IntegryJS, params, container, renderMode, onEvent);
        setState({ status: "live", sandbox: params.baseUrl !== null });
        started(params);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setState({ status: "failed", ...describe(error) });
      });

    return () => {
      cancelled = true;
      verification?.stop();
      stopIntegrySdk(sdk);
    };
  }, [renderMode]);

  return { containerRef, state, missingVariables };
}
