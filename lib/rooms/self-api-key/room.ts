import "server-only";

import { ownSecretProblem } from "@/lib/auth/published-secrets";
import type { Room } from "@/lib/room";
import { SELF_API_KEY_ENV } from "@/lib/rooms/self-api-key/settings";

/** `user.apiKey`: a signed key with which Integry calls this app's own API (GET /api/v1/me) as the identity. */
export const selfApiKeyRoom = {
  name: "self-api-key",
  routes: ["app/api/v1"],
  env: SELF_API_KEY_ENV,
  envRules: (env, { production, sandbox }) => ({
    INTEGRY_API_KEY_SECRET: {
      unset:
        sandbox && !production
          ? "unset: npm run dev signs API keys with a published development secret"
          : "unset: the user object carries no apiKey",
      problem: ownSecretProblem([env.INTEGRY_APP_SECRET, env.NEXTAUTH_SECRET]),
    },
  }),
  userVariables: async () => (await import("@/lib/rooms/self-api-key/user-variable")).selfApiKeyVariable,
  notice: async () => (await import("@/lib/rooms/self-api-key/key-check")).ApiKeyCheck,
} satisfies Room;
