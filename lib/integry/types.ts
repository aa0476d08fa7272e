/** What GET /api/integry-params returns: safe to show the user, it carries no secret. */
export interface IntegryParams {
  appKey: string;
  deploymentId: string;
  userId: string;
  hash: string;
  /** The SDK's `user` option; `user.userId` is `userId`. */
  user: IntegryUser;
  /** Same-origin path of the offline sandbox, or null when the embed talks to Integry. */
  sandboxBaseUrl: string | null;
}

/**
 * `user: { userId, apiKey, ...extras }`: the identity, this app's API key for it (only when
 * INTEGRY_API_KEY_SECRET is set), and the deployment's user variables. Per user: never cache it.
 */
export type IntegryUser = { userId: string; apiKey?: string } & Record<string, string>;

/** The error body every route of the app answers with. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}
