import { SANDBOX_BASE_PATH } from "@/lib/rooms/sandbox/public";

/**
 * The origin of every callback URL the sandbox hands out. `.invalid` never resolves (RFC 6761), so a
 * callback URL is answered in process by `sandboxCallbacks(config).fetch`, or fails, but never leaves the server.
 */
export const SANDBOX_CALLBACK_ORIGIN = "https://sandbox.invalid";

export interface SandboxCredentials {
  appKey: string;
  userId: string;
  /** The embed's hash of `userId`. */
  hash: string;
}

const query = ({ appKey, userId, hash }: SandboxCredentials) =>
  new URLSearchParams({ user_id: userId, app_key: appKey, hash }).toString();

/** An integration's callback URL: the identity's credentials in it authenticate whoever POSTs to it. */
export function sandboxCallbackUrl(integrationId: number, credentials: SandboxCredentials): string {
  return `${SANDBOX_CALLBACK_ORIGIN}${SANDBOX_BASE_PATH}/callbacks/${integrationId}?${query(credentials)}`;
}

/** The identity's recent runs (GET, newest first, at most 50), of one integration if `integrationId` is given. */
export function sandboxRunsUrl(credentials: SandboxCredentials, integrationId?: number): string {
  const filter = integrationId === undefined ? "" : `&integration_id=${integrationId}`;
  return `${SANDBOX_CALLBACK_ORIGIN}${SANDBOX_BASE_PATH}/runs/?${query(credentials)}${filter}`;
}
