/** What GET /api/integry-params returns: safe to show the user, it carries no secret, but never cache it. */
export interface IntegryParams {
  appKey: string;
  deploymentId: string;
  userId: string;
  hash: string;
  user: IntegryUser;
  baseUrl: string | null;
  apiBaseUrl: string | null;
}

export type IntegryUser = { userId: string; apiKey?: string } & Record<string, string>;

export interface ApiErrorBody {
  error: { code: string; message: string };
}
