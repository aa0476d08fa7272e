import "server-only";

import { notFound } from "next/navigation";

import { getSessionUser } from "@/lib/auth/session";
import { getIntegryConfig } from "@/lib/integry/server/config";
import { integryHash } from "@/lib/integry/server/hash";
import { isBenchPageEnabled } from "@/lib/rooms/bench-page/settings";

import { SdkFloor } from "./sdk-floor";

const FLOOR_USER_ID = "sdk-floor-user";

// The floor `npm run bench` measures /integrations against: params inlined in the page, so no params request.
export default async function SdkFloorPage() {
  const user = await getSessionUser().catch(() => null);
  const config = isBenchPageEnabled() && user ? getIntegryConfig() : undefined;
  if (!config?.sandbox) notFound();

  return (
    <main className="page wide">
      <h1>SDK floor</h1>
      <SdkFloor
        params={{
          appKey: config.appKey,
          deploymentId: config.deploymentId,
          userId: FLOOR_USER_ID,
          user: { userId: FLOOR_USER_ID },
          hash: integryHash(config.appSecret, FLOOR_USER_ID),
          baseUrl: config.sdkBaseUrl,
          apiBaseUrl: config.sdkApiBaseUrl,
        }}
      />
    </main>
  );
}
