import type { Room } from "@/lib/room";
import { FLOWS_ENV } from "@/lib/rooms/flows/settings";

/** The app's own events run its users' flows: an outbox of deliveries to each flow's callback URL. */
export const flowsRoom = {
  name: "flows",
  routes: ["app/api/leads", "app/api/flow-integrations", "app/api/deliveries"],
  env: FLOWS_ENV,
  envRules: () => ({ INTEGRY_CALLBACK_HOSTS: { unset: "unset: flows' callback URLs must be on integry.io" } }),
  migrations: { folder: "lib/rooms/flows/migrations", table: "__drizzle_migrations_flows" },
  panel: async () => (await import("@/lib/rooms/flows/panel")).FlowDeliveryPanel,
  cron: async () => (await import("@/lib/rooms/flows/scheduled")).retryDueDeliveries,
} satisfies Room;
