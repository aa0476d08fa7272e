import type { IntegryParams, IntegryUser } from "@/lib/integry/shared/types";

export type SdkVerification =
  | { outcome: "verified" }
  | { outcome: "rejected"; status: number }
  | { outcome: "unavailable"; status: number }
  | { outcome: "unreachable" };

const VERIFY_PATH = "/verify-sdk-config/";
/** How long the SDK may take to emit `ready` before it is taken to have failed. */
export const READY_TIMEOUT_MS = 10_000;
/** How long `ready` may follow the SDK's own verify request when the engine hides that request's status. */
export const READY_AFTER_VERIFY_MS = 3_000;

export function classifyVerifyStatus(status: number): SdkVerification {
  if (status >= 200 && status < 300) return { outcome: "verified" };
  if (status === 429 || status >= 500) return { outcome: "unavailable", status };
  return { outcome: "rejected", status };
}

/**
 * What a resource timing entry of the SDK's verify request proves. WebKit has no `responseStatus`,
 * and 0 means the engine withheld it: both prove nothing, never a rejection.
 */
export function verdictOfVerifyEntry(entry: Partial<Pick<PerformanceResourceTiming, "responseStatus">>) {
  const status = entry.responseStatus;
  return typeof status === "number" && status > 0 ? classifyVerifyStatus(status) : "unknown";
}

/** Asks verify-sdk-config once ourselves: only after the SDK has failed, so success costs no request. */
async function probe(verifyUrl: string): Promise<SdkVerification> {
  try {
    return classifyVerifyStatus((await fetch(verifyUrl, { cache: "no-store", credentials: "omit" })).status);
  } catch {
    return { outcome: "unreachable" };
  }
}

/**
 * Settles once: `verified` as soon as the SDK says `ready` (the ground truth in every engine), a
 * failure from the status of the SDK's own verify request where the engine shows it, and otherwise
 * from one probe once `ready` is overdue. `verifyAuthConfig()` would not do: it answers null for any failure.
 */
export function watchSdkVerification(verifyUrl: string, onSettled: (verification: SdkVerification) => void) {
  const since = performance.now();
  let settled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let probeAt = Infinity;

  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      if (entry.startTime < since || !entry.name.includes(VERIFY_PATH)) continue;
      const verdict = verdictOfVerifyEntry(entry);
      if (verdict === "unknown") probeIn(READY_AFTER_VERIFY_MS);
      else if (verdict.outcome !== "verified") settle(verdict);
    }
  });
  const onViolation = (event: SecurityPolicyViolationEvent) => {
    if (event.blockedURI.includes(VERIFY_PATH)) settle({ outcome: "unreachable" });
  };

  function stop() {
    settled = true;
    observer.disconnect();
    document.removeEventListener("securitypolicyviolation", onViolation);
    clearTimeout(timer);
  }
  function settle(verification: SdkVerification) {
    if (settled) return;
    stop();
    onSettled(verification);
  }
  function probeIn(ms: number) {
    if (settled || performance.now() + ms >= probeAt) return;
    probeAt = performance.now() + ms;
    clearTimeout(timer);
    timer = setTimeout(() => {
      observer.disconnect();
      void probe(verifyUrl).then(settle);
    }, ms);
  }

  observer.observe({ type: "resource", buffered: true });
  document.addEventListener("securitypolicyviolation", onViolation);
  probeIn(READY_TIMEOUT_MS);
  return { sdkReady: () => settle({ outcome: "verified" }), stop };
}

/** Where the SDK finds Integry, and where its sign-in popups post from, with no baseUrl. */
export const INTEGRY_APP_ORIGIN = "https://app.integry.io";

function integryBaseUrl(params: IntegryParams): string {
  return params.baseUrl ? new URL(params.baseUrl, location.origin).href : INTEGRY_APP_ORIGIN;
}

/** The request the SDK itself makes first, so a probe sees exactly what the SDK saw. */
export function verifyUrlOf(params: IntegryParams): string {
  const url = new URL(`${integryBaseUrl(params)}${VERIFY_PATH}`);
  url.search = new URLSearchParams({
    app_key: params.appKey,
    hash: params.hash,
    user_id: params.userId,
    bundle_id: params.deploymentId,
  }).toString();
  return url.href;
}

/** The SDK only says "some" user variables are missing: ask which. */
export async function missingUserVariables(params: IntegryParams): Promise<string[]> {
  const url = new URL(`${integryBaseUrl(params)}/api/v1/app-user-variables/`);
  url.search = new URLSearchParams({ app_key: params.appKey, hash: params.hash, user_id: params.userId }).toString();
  const answer = (await (await fetch(url, { cache: "no-store" })).json()) as {
    results: { key: string; is_required?: boolean }[];
  };
  const user: Partial<IntegryUser> = params.user;
  // As the SDK checks: api_key always, any other variable when the deployment marks it required.
  return answer.results
    .filter(({ key, is_required }) => (key === "api_key" ? !user.apiKey : is_required && !user[key]))
    .map(({ key }) => key);
}
