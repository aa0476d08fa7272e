import "server-only";

import { envReader, flag, type EnvFragment } from "@/lib/env";

export const BENCH_PAGE_ENV = {
  INTEGRY_BENCH_PAGE: { shape: flag.optional() },
} satisfies EnvFragment;

const env = envReader(BENCH_PAGE_ENV);

/** The bench's bare-SDK floor page: always under `npm run dev`, elsewhere only with INTEGRY_BENCH_PAGE=true. */
export const isBenchPageEnabled = env.parsedOnChange(
  (values) => values.NODE_ENV === "development" || env.read(values, "INTEGRY_BENCH_PAGE") === true,
);
