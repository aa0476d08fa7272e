import type { Room } from "@/lib/room";
import { FLOWS_ENV } from "@/lib/rooms/flows/settings";

/** The app's own events run its users' flows: an outbox of deliveries to each flow's callback URL. */
export const flowsRoom = {
  name: "flows",
  routes: ["app/api/leads", "app/api/flow-integrations", "app/api/deliveries"],
  env: FLOWS_ENV,
  envRules: (_env, { production, sandbox }) => ({
    INTEGRY_CALLBACK_HOSTS: { unset: "unset: flows' callback URLs must be on integry.io" },
    FLOWS_LEADS_PER_MINUTE: { unset: "unset: 60 leads a minute per identity" },
    FLOWS_TEST_RECEIVER: {
      unset: "unset: flows go to their callback URLs",
      problem: () =>
        production && !sandbox
          ? { status: "unsafe", note: "a test-only switch, refused beside real Integry credentials" }
          : undefined,
    },
  }),
  migrations: { folder: "lib/rooms/flows/migrations", table: "__drizzle_migrations_flows" },
  panel: async () => (await import("@/lib/rooms/flows/panel")).FlowDeliveryPanel,
  cron: async () => (await import("@/lib/rooms/flows/scheduled")).retryDueDeliveries,
} satisfies Room;
