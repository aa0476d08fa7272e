/** What GET /api/integry-params returns: safe to show the user, it carries no secret. */
export interface IntegryParams {
  appKey: string;
  deploymentId: string;
  userId: string;
  hash: string;
  /** Same-origin path of the offline sandbox, or null when the embed talks to Integry. */
  sandboxBaseUrl: string | null;
}

/** The error body every route of the app answers with. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}
