"use client";

import { useEffect } from "react";

const PREFETCH_DELAY_MS = 2_000;

// The SDK is ~2 MB gzip: fetch it in idle time on the landing page, never in the first load.
// Safari has no requestIdleCallback: a short delay after mount stands in for it there.
export function PrefetchIntegrySdk() {
  useEffect(() => {
    const prefetch = () => void import("@integry/sdk");
    if (typeof requestIdleCallback === "function") {
      const handle = requestIdleCallback(prefetch, { timeout: 5_000 });
      return () => cancelIdleCallback(handle);
    }
    const timer = setTimeout(prefetch, PREFETCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return null;
}
