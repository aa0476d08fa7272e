import "server-only";

import { z } from "zod";

import { envReader, type EnvFragment } from "@/lib/env";

export const AGENT_TOOLS_ENV = {
  MCP_REQUESTS_PER_MINUTE: { shape: z.coerce.number().int().min(1).max(1_000_000).default(120) },
} satisfies EnvFragment;

const env = envReader(AGENT_TOOLS_ENV);

/** How many MCP requests one token may make a minute, in bursts of up to as many: past it, 429. */
export const getMcpRequestsPerMinute = env.parsedOnChange((values) => env.read(values, "MCP_REQUESTS_PER_MINUTE"));
