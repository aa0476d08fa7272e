export type SdkVerification =
  | { outcome: "verified" }
  | { outcome: "rejected"; status: number }
  | { outcome: "failing"; status: number }
  | { outcome: "unreachable" };

const VERIFY_PATH = "/verify-sdk-config/";
export const VERIFY_TIMEOUT_MS = 10_000;

function classify(status: number): SdkVerification {
  if (status >= 200 && status < 300) return { outcome: "verified" };
  if (status === 0) return { outcome: "unreachable" };
  if (status === 429 || status >= 500) return { outcome: "failing", status };
  return { outcome: "rejected", status };
}

// verifyAuthConfig() answers null for any failure: read the SDK's own requests' status from resource timing instead.
export function watchSdkVerification(onSettled: (verification: SdkVerification) => void): () => void {
  const since = performance.now();
  let settled = false;
  const settle = (verification: SdkVerification) => {
    if (settled) return;
    settled = true;
    stop();
    onSettled(verification);
  };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      if (entry.startTime >= since && entry.name.includes(VERIFY_PATH)) settle(classify(entry.responseStatus));
    }
  });
  observer.observe({ type: "resource", buffered: true });
  const onViolation = (event: SecurityPolicyViolationEvent) => {
    if (event.blockedURI.includes(VERIFY_PATH) || event.violatedDirective.startsWith("connect-src")) {
      settle({ outcome: "unreachable" });
    }
  };
  document.addEventListener("securitypolicyviolation", onViolation);
  const timer = setTimeout(() => settle({ outcome: "unreachable" }), VERIFY_TIMEOUT_MS);
  function stop() {
    observer.disconnect();
    document.removeEventListener("securitypolicyviolation", onViolation);
    clearTimeout(timer);
  }
  return () => {
    settled = true;
    stop();
  };
}
