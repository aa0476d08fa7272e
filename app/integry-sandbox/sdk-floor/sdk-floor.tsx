"use client";

import { useEffect, useRef } from "react";

import { DEFAULT_RENDER_MODE } from "@/lib/integry/embed-options";
import { startIntegrySdk, stopIntegrySdk } from "@/lib/integry/sdk-lifecycle";
import type { IntegryParams } from "@/lib/integry/types";

/** The embed's SDK start-up with its defaults, minus the params request: the benchmark's floor. */
export function SdkFloor({ params }: { params: IntegryParams }) {
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let cancelled = false;
    let started: ReturnType<typeof startIntegrySdk> | undefined;
    void import("@integry/sdk").then(({ IntegryJS }) => {
      if (!cancelled) started = startIntegrySdk(IntegryJS, params, container, DEFAULT_RENDER_MODE);
    });
    return () => {
      cancelled = true;
      stopIntegrySdk(started);
    };
  }, [params]);

  return <div ref={containerRef} data-testid="integry-container" />;
}
