import { INTEGRY_APP_ORIGIN } from "@/lib/integry/browser/sdk-diagnosis";

/** The SDK's lifecycle events this app listens to; the event log shows each as it comes. */
export const SDK_EVENTS = [
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

export type SdkEventName = (typeof SDK_EVENTS)[number];

/** The events after which what the server knows of the user's integrations has changed. */
export const CONNECTION_EVENTS: ReadonlySet<SdkEventName> = new Set([
  "did-save-integration",
  "did-delete-integration",
  "app-connected",
  "app-disconnected",
]);

/** Every SDK event is also dispatched on `window` under this type, so optional parts of the page can listen. */
export const SDK_EVENT_TYPE = "integry:sdk-event";

export type SdkEvent = CustomEvent<{ name: SdkEventName; payload: unknown }>;

/** Dispatched on `window` each time the embed starts, with the params it started with (`detail`). */
export const EMBED_STARTED_TYPE = "integry:embed-started";

/**
 * True for the message an account-connection popup sends its opener (Integry's page, or the sandbox's on this
 * origin). The SDK's page of an app's accounts emits no event when one is added there, so the page listens too.
 */
export function isAccountConnectedMessage(event: MessageEvent, sdkBaseUrl: string | null): boolean {
  const popupOrigin = sdkBaseUrl ? location.origin : INTEGRY_APP_ORIGIN;
  const data: unknown = event.data;
  return event.origin === popupOrigin && typeof data === "object" && data !== null && "authorization_id" in data;
}
