export type SdkVerification =
  | { outcome: "verified" }
  | { outcome: "rejected"; status: number }
  | { outcome: "failing"; status: number }
  | { outcome: "unreachable" };

const VERIFY_PATH = "/verify-sdk-config/";
/** How long the SDK may take to emit `ready` before it is taken to have failed. */
export const READY_TIMEOUT_MS = 10_000;
/** How long `ready` may follow the SDK's own verify request when the engine hides that request's status. */
export const READY_AFTER_VERIFY_MS = 3_000;

export function classifyVerifyStatus(status: number): SdkVerification {
  if (status >= 200 && status < 300) return { outcome: "verified" };
  if (status === 429 || status >= 500) return { outcome: "failing", status };
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
