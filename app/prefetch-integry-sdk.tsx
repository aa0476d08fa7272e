"use client";

import { useEffect } from "react";

// The SDK is ~2 MB gzip: fetch it in idle time on the landing page, never in the first load.
export function PrefetchIntegrySdk() {
  useEffect(() => {
    const handle = requestIdleCallback(() => void import("@integry/sdk"), { timeout: 5_000 });
    return () => cancelIdleCallback(handle);
  }, []);
  return null;
}
