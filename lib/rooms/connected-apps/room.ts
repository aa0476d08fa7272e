import type { Room } from "@/lib/room";

/** The user's connected apps, asked of Integry's REST API from the server with the embed's identity and hash. */
export const connectedAppsRoom = {
  name: "connected-apps",
  routes: ["app/api/connected-apps"],
  panel: async () => (await import("@/lib/rooms/connected-apps/panel")).ConnectedAppsPanel,
} satisfies Room;
