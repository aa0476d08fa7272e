import "server-only";

import { z } from "zod";

import { envReader, idList, type EnvFragment } from "@/lib/env";

export const FLOWS_ENV = {
  INTEGRY_CALLBACK_HOSTS: { shape: idList.default(["integry.io"]) },
  FLOWS_LEADS_PER_MINUTE: { shape: z.coerce.number().int().min(1).max(1_000_000).default(60) },
  FLOWS_TEST_RECEIVER: {
    shape: z
      .url({ protocol: /^http$/, hostname: /^127\.0\.0\.1$/, error: "must be http://127.0.0.1:<port>" })
      .transform((value) => new URL(value).origin)
      .optional(),
  },
} satisfies EnvFragment;

const env = envReader(FLOWS_ENV);

/** Hosts (and subdomains) a flow's callback URL may point at; the sandbox answers its own in-process. */
export const getCallbackHosts = env.parsedOnChange((values) => env.read(values, "INTEGRY_CALLBACK_HOSTS"));

/** How many leads one identity may create a minute, in bursts of up to as many: past it, 429. */
export const getLeadsPerMinute = env.parsedOnChange((values) => env.read(values, "FLOWS_LEADS_PER_MINUTE"));
