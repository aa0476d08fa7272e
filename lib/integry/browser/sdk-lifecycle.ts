import { EMBED_SDK_OPTIONS, EMBED_VIEW_STYLE, type EmbedRenderMode } from "@/lib/integry/shared/embed-options";
import { patchSdkAccessibility } from "@/lib/integry/browser/sdk-accessibility";
import type { IntegryParams } from "@/lib/integry/shared/types";

type IntegryClass = typeof import("@integry/sdk").IntegryJS;

export const LOGGED_EVENTS = [
  "ready",
  "did-load-flows",
  "did-load-flow",
  "did-change-step",
  "did-save-integration",
  "integration-created",
  "did-load-integration",
  "did-enable-integration",
  "did-disable-integration",
  "did-delete-integration",
  "app-connected",
  "app-disconnected",
  "did-raise-sdk-embed-warning",
  "did-click-close-button",
  "modal-closed",
] as const;

export type SdkEventName = (typeof LOGGED_EVENTS)[number];

export const CONNECTION_EVENTS: ReadonlySet<string> = new Set([
  "did-save-integration",
  "did-delete-integration",
  "app-connected",
  "app-disconnected",
]);

// Not crypto.randomUUID(): browsers give it only to secure contexts, and a phone testing `npm run dev` over a LAN IP is not one.
let mounts = 0;

export function startIntegrySdk(
  IntegryJS: IntegryClass,
  params: IntegryParams,
  container: HTMLElement,
  renderMode: EmbedRenderMode,
  onEvent?: (name: SdkEventName, payload: unknown) => void,
) {
  // The SDK never unmounts what it rendered, so each start gets its own mount point.
  const mount = document.createElement("div");
  mount.id = `integry-embed-${++mounts}`;
  container.replaceChildren(mount);

  const sdk = new IntegryJS({
    appKey: params.appKey,
    deploymentId: params.deploymentId,
    userId: params.userId,
    hash: params.hash,
    user: params.user,
    options: EMBED_SDK_OPTIONS,
    ...(params.baseUrl ? { baseUrl: new URL(params.baseUrl, location.origin).href } : {}),
  });
  sdk.eventEmitter.once("ready", () => performance.mark("integry:ready"));
  if (onEvent)
    for (const name of LOGGED_EVENTS) sdk.eventEmitter.on(name, (payload: unknown) => onEvent(name, payload));
  const unpatch = patchSdkAccessibility(EMBED_SDK_OPTIONS.marketplaceModalTitle);
  sdk.init({
    containerId: mount.id,
    renderMode: IntegryJS.TemplateFormRenderModes[renderMode],
    viewStyle: IntegryJS.ViewStyles[EMBED_VIEW_STYLE],
  });
  return { sdk, mount, unpatch };
}

// destroy() leaves the rendered list and each MODAL init's <body> root behind.
export function stopIntegrySdk(started: ReturnType<typeof startIntegrySdk> | undefined) {
  started?.unpatch();
  started?.sdk.destroy();
  started?.mount.remove();
  document.querySelectorAll('[id^="x-integry-modal-"]').forEach((node) => node.remove());
}
