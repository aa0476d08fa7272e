import "server-only";

import { envReader, idList, type EnvFragment } from "@/lib/env";

export const FLOWS_ENV = {
  INTEGRY_CALLBACK_HOSTS: { shape: idList.default(["integry.io"]) },
} satisfies EnvFragment;

const env = envReader(FLOWS_ENV);

/** Hosts (and subdomains) a flow's callback URL may point at; the sandbox answers its own in-process. */
export const getCallbackHosts = env.parsedOnChange((values) => env.read(values, "INTEGRY_CALLBACK_HOSTS"));
