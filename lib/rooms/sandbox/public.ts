// The offline sandbox's public address and credentials: what the Integry config switches to when INTEGRY_SANDBOX
// is on. The sandbox's answers live beside this file.
export const SANDBOX_BASE_PATH = "/api/sandbox";

// Public, never valid at Integry: the sandbox never signs with INTEGRY_APP_SECRET, so it cannot expose the real one.
export const SANDBOX_CREDENTIALS = {
  appKey: "sandbox-app-key",
  appSecret: "sandbox-secret-not-for-production",
  deploymentId: "1",
} as const;
