import "server-only";

import type { SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { IntegryConfig, IntegryScope } from "@/lib/integry/server/config";
import { integryHash } from "@/lib/integry/server/hash";
import { integryUserVariables } from "@/lib/integry/server/user-variables";
import type { IntegryParams } from "@/lib/integry/shared/types";
import { ROOMS, type UserVariables } from "@/lib/room";

// The rooms that add to the SDK's `user` (lib/rooms.ts), loaded once, on the first params.
let roomVariables: Promise<UserVariables[]> | undefined;

/**
 * The ID Integry sees, and the place to plug in your own users and organisations: under "user" scope every user has
 * their own flows; under "account" every user of one account shares them. It reads the session only, never the
 * request, so no caller can ask for someone else's hash.
 */
export function resolveIntegryIdentity(user: SessionUser, scope: IntegryScope): string {
  const id = scope === "account" ? user.accountId : user.id;
  if (!id) {
    throw new AppError("invalid_identity", `The session has no ${scope === "account" ? "account" : "user"} ID.`);
  }
  return id;
}

/** The identity Integry sees and its hash: what the embed and the server's REST calls both authenticate with. */
export function integryCredentials(user: SessionUser, config: IntegryConfig) {
  const userId = resolveIntegryIdentity(user, config.scope);
  return { appKey: config.appKey, userId, hash: integryHash(config.appSecret, userId) };
}

/** What GET /api/integry-params hands the signed-in user's browser: everything the SDK needs, no secret. */
export async function buildIntegryParams(user: SessionUser, config: IntegryConfig): Promise<IntegryParams> {
  const { appKey, userId, hash } = integryCredentials(user, config);
  roomVariables ??= Promise.all(ROOMS.flatMap((room) => room.userVariables?.() ?? []));
  const fromRooms = await Promise.all((await roomVariables).map((variables) => variables(userId, user, config)));
  return {
    appKey,
    deploymentId: config.deploymentId,
    userId,
    hash,
    // The identity comes after the plug-in's variables, so none of them can stand in for it.
    user: { ...integryUserVariables(user, config.scope), ...Object.assign({}, ...fromRooms), userId },
    baseUrl: config.sdkBaseUrl,
    apiBaseUrl: config.sdkApiBaseUrl,
  };
}
