import { useEffect, useEffectEvent, useRef, useState, type RefObject } from "react";

import { missingUserVariables, verifyUrlOf, watchSdkVerification } from "@/lib/integry/browser/sdk-diagnosis";
import { patchSdkAccessibility } from "@/lib/integry/browser/sdk-accessibility";
import { EMBED_STARTED_TYPE, SDK_EVENT_TYPE, SDK_EVENTS, type SdkEventName } from "@/lib/integry/browser/sdk-events";
import {
  EMBED_SDK_OPTIONS,
  EMBED_VIEW_STYLE,
  type EmbedRenderMode,
  type EmbedView,
} from "@/lib/integry/shared/embed-options";
import type { ApiErrorBody, IntegryParams } from "@/lib/integry/shared/types";

export type EmbedState =
  | { status: "loading" }
  | { status: "live"; baseUrl: string | null }
  | { status: "rejected"; userId: string; httpStatus: number }
  | { status: "unavailable"; httpStatus: number }
  | { status: "unreachable" }
  | { status: "load-error"; code: string; message: string };

class ParamsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The signed-in user's params from the server: the browser never sees the secret, only this hash. */
export async function fetchIntegryParams(): Promise<IntegryParams> {
  const response = await fetch("/api/integry-params", { cache: "no-store" });
  if (response.ok) return (await response.json()) as IntegryParams;
  const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
  throw new ParamsError(
    body?.error.code ?? "internal",
    body?.error.message ?? `The server answered ${response.status}.`,
  );
}

// Not crypto.randomUUID(): browsers give it only to secure contexts, and a phone testing `npm run dev` over a LAN IP is not one.
let mounts = 0;

function startIntegrySdk(
  { IntegryJS }: typeof import("@integry/sdk"),
  params: IntegryParams,
  container: HTMLElement,
  { view, renderMode }: { view: EmbedView; renderMode: EmbedRenderMode },
  onEvent: (name: SdkEventName, payload: unknown) => void,
) {
  // The SDK never unmounts what it rendered, so each start gets its own mount point.
  const mount = document.createElement("div");
  mount.id = `integry-embed-${++mounts}`;
  container.replaceChildren(mount);
  const { appKey, deploymentId, userId, hash, user, baseUrl, apiBaseUrl } = params;
  const sdk = new IntegryJS({
    ...{ appKey, deploymentId, userId, hash, user, options: EMBED_SDK_OPTIONS },
    ...(baseUrl ? { baseUrl: new URL(baseUrl, location.origin).href } : {}),
    // The apps view lists apps from Integry's REST API, a base of its own that does not follow baseUrl.
    ...(apiBaseUrl ? { baseAPIUrl: new URL(apiBaseUrl, location.origin).href } : {}),
  });
  sdk.eventEmitter.once("ready", () => performance.mark("integry:ready"));
  for (const name of SDK_EVENTS) sdk.eventEmitter.on(name, (payload: unknown) => onEvent(name, payload));
  const unpatch = patchSdkAccessibility(EMBED_SDK_OPTIONS.marketplaceModalTitle);
  if (view === "apps") {
    // Apps, not flows: connecting one needs no flow. The list stays in the page; its own dialogs are the SDK's.
    sdk.showApps({
      containerId: mount.id,
      renderMode: IntegryJS.RenderModes.INLINE,
      layout: EMBED_VIEW_STYLE === "COMPACT" ? IntegryJS.Layouts.NARROW : IntegryJS.Layouts.WIDE,
      authOnly: true,
    });
  } else {
    sdk.init({
      containerId: mount.id,
      renderMode: IntegryJS.TemplateFormRenderModes[renderMode],
      viewStyle: IntegryJS.ViewStyles[EMBED_VIEW_STYLE],
    });
  }
  return () => {
    unpatch();
    sdk.destroy();
    // destroy() leaves the rendered list and each MODAL init's <body> root behind.
    mount.remove();
    document.querySelectorAll('[id^="x-integry-modal-"]').forEach((node) => node.remove());
  };
}

/** Loads the SDK in the browser only, starts it once (StrictMode's first run is cancelled first), stops it on unmount. */
export function useIntegrySdk(options: {
  view?: EmbedView;
  renderMode: EmbedRenderMode;
  loadParams?: () => Promise<IntegryParams>;
  onEvent?: (name: SdkEventName, payload: unknown) => void;
}): { containerRef: RefObject<HTMLDivElement | null>; state: EmbedState; missingVariables: string[] } {
  const containerRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<EmbedState>({ status: "loading" });
  const [missingVariables, setMissingVariables] = useState<string[]>([]);
  const { renderMode, view = "flows" } = options;
  const loadParams = useEffectEvent(() => (options.loadParams ?? fetchIntegryParams)());
  const emit = useEffectEvent((name: SdkEventName, payload: unknown) => options.onEvent?.(name, payload));

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let cancelled = false;
    let stopSdk: (() => void) | undefined;
    let verification: ReturnType<typeof watchSdkVerification> | undefined;

    Promise.all([loadParams(), import("@integry/sdk")])
      .then(([params, sdkModule]) => {
        if (cancelled) return;
        // Settles at most once, and never after `ready`: a live embed is never cleared.
        verification = watchSdkVerification(verifyUrlOf(params), (outcome) => {
          if (cancelled || outcome.outcome === "verified") return;
          container.replaceChildren();
          if (outcome.outcome === "unreachable") setState({ status: "unreachable" });
          else if (outcome.outcome === "rejected") {
            setState({ status: "rejected", userId: params.userId, httpStatus: outcome.status });
          } else setState({ status: "unavailable", httpStatus: outcome.status });
        });
        stopSdk = startIntegrySdk(sdkModule, params, container, { view, renderMode }, (name, payload) => {
          if (cancelled) return;
          if (name === "ready") verification?.sdkReady();
          emit(name, payload);
          window.dispatchEvent(new CustomEvent(SDK_EVENT_TYPE, { detail: { name, payload } }));
          const warning = name === "did-raise-sdk-embed-warning" && (payload as { type?: string } | undefined)?.type;
          if (warning === "missing-user-variable-values") {
            missingUserVariables(params).then(
              (names) => !cancelled && setMissingVariables(names),
              () => {},
            );
          }
        });
        setState({ status: "live", baseUrl: params.baseUrl });
        window.dispatchEvent(new CustomEvent(EMBED_STARTED_TYPE, { detail: params }));
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        const { code, message } =
          error instanceof ParamsError ? error : { code: "network", message: "The integrations could not be loaded." };
        setState({ status: "load-error", code, message });
      });

    return () => {
      cancelled = true;
      verification?.stop();
      stopSdk?.();
    };
  }, [view, renderMode]);

  return { containerRef, state, missingVariables };
}
