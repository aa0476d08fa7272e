"use client";

import { useEffect } from "react";

/**
 * Warms the browser's cache with the Integry SDK (~2 MB gzip) while a signed-in user is on the
 * landing page, so /integrations comes alive sooner. Idle time only, and never in the first load.
 */
export function PrefetchIntegrySdk() {
  useEffect(() => {
    const handle = requestIdleCallback(() => void import("@integry/sdk"), { timeout: 5_000 });
    return () => cancelIdleCallback(handle);
  }, []);
  return null;
}
