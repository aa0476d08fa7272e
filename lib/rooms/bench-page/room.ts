import type { Room } from "@/lib/room";
import { BENCH_PAGE_ENV } from "@/lib/rooms/bench-page/settings";

/** /bench/sdk-floor: the SDK with its params inlined, the floor `npm run bench` measures /integrations against. */
export const benchPageRoom = {
  name: "bench-page",
  routes: ["app/bench"],
  env: BENCH_PAGE_ENV,
  envRules: () => ({
    INTEGRY_BENCH_PAGE: { unset: "unset: the bench's floor page is served by npm run dev only" },
  }),
} satisfies Room;
