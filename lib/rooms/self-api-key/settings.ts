import "server-only";

import { noWhitespace, type EnvFragment } from "@/lib/env";

export const SELF_API_KEY_ENV = {
  INTEGRY_API_KEY_SECRET: { shape: noWhitespace.optional(), secret: true },
} satisfies EnvFragment;
