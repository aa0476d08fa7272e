/** Where the app serves the offline sandbox; the client points the SDK's baseUrl here. */
export const SANDBOX_BASE_PATH = "/api/integry-sandbox";

/**
 * The sandbox's own credentials: public, never valid at Integry. The sandbox never signs with a
 * configured INTEGRY_APP_SECRET, so its hashes and logs cannot expose the real one.
 */
export const SANDBOX_CREDENTIALS = {
  appKey: "sandbox-app-key",
  appSecret: "sandbox-secret-not-for-production",
  deploymentId: "1",
} as const;
