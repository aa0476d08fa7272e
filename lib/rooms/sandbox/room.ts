import type { Room } from "@/lib/room";
import { sandboxCredentials } from "@/lib/rooms/sandbox/credentials";
import { SANDBOX_BASE_PATH } from "@/lib/rooms/sandbox/public";

/** Integry played offline by this app: the SDK's endpoints, the REST API and the flows' callbacks. */
export const sandboxRoom = {
  name: "sandbox",
  routes: ["app/api/sandbox", "app/integry-sandbox"],
  migrations: { folder: "lib/rooms/sandbox/migrations", table: "__drizzle_migrations_sandbox" },
  standIn: {
    credentials: sandboxCredentials,
    sdkBaseUrl: SANDBOX_BASE_PATH,
    sdkApiBaseUrl: `${SANDBOX_BASE_PATH}/rest`,
    // Loaded only while the sandbox is on: a real-mode server never evaluates its handlers.
    connect: async () => {
      const { sandboxCallbacks, sandboxRestApi } = await import("@/lib/rooms/sandbox/in-process-fetch");
      return { restApi: sandboxRestApi, callbacks: sandboxCallbacks };
    },
  },
} satisfies Room;
