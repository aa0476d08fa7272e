import "server-only";

import { notFound } from "next/navigation";

import { getSession } from "@/lib/auth";
import { getIntegryConfig, SANDBOX_BASE_PATH } from "@/lib/integry/config";
import { computeIntegryHash } from "@/lib/integry/hash";

import { SdkFloor } from "./sdk-floor";

export const dynamic = "force-dynamic";

const FLOOR_USER_ID = "sdk-floor-user";

/**
 * The floor `npm run bench` measures /integrations against: the SDK started with params inlined
 * in the page, so no params request. Its hash is for a user nobody owns, but it is signed with the
 * configured secret: so sandbox mode and signed-in users only.
 */
export default async function SdkFloorPage() {
  const config = getIntegryConfig();
  if (!config.sandbox || !(await getSession())) notFound();

  return (
    <main className="page wide">
      <h1>SDK floor</h1>
      <SdkFloor
        params={{
          appKey: config.appKey,
          deploymentId: config.deploymentId,
          userId: FLOOR_USER_ID,
          hash: await computeIntegryHash(config.appSecret, FLOOR_USER_ID),
          sandboxBaseUrl: SANDBOX_BASE_PATH,
        }}
      />
    </main>
  );
}
