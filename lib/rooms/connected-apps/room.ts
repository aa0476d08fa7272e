import type { Room } from "@/lib/room";
import { CONNECTED_APPS_ENV } from "@/lib/rooms/connected-apps/settings";

/** The user's connected apps, asked of Integry's REST API from the server with the embed's identity and hash. */
export const connectedAppsRoom = {
  name: "connected-apps",
  routes: ["app/api/connected-apps"],
  env: CONNECTED_APPS_ENV,
  envRules: () => ({ INTEGRY_API_BASE_URL: { unset: "unset: Integry's own API, or the sandbox's" } }),
  panel: async () => (await import("@/lib/rooms/connected-apps/panel")).ConnectedAppsPanel,
} satisfies Room;
