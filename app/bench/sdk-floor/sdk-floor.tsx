"use client";

import { DEFAULT_RENDER_MODE } from "@/lib/integry/shared/embed-options";
import type { IntegryParams } from "@/lib/integry/shared/types";
import { useIntegrySdk } from "@/lib/integry/browser/use-integry-sdk";

export function SdkFloor({ params }: { params: IntegryParams }) {
  const { containerRef } = useIntegrySdk({
    loadParams: () => Promise.resolve(params),
    renderMode: DEFAULT_RENDER_MODE,
  });
  return <div ref={containerRef} data-testid="integry-container" />;
}
