"use client";

import type { IntegryJS as IntegrySdk } from "@integry/sdk";
import { useEffect, useRef } from "react";

import { DEFAULT_RENDER_MODE, EMBED_SDK_OPTIONS, EMBED_VIEW_STYLE } from "@/lib/integry/embed-options";

interface SdkFloorProps {
  appKey: string;
  deploymentId: string;
  userId: string;
  hash: string;
  sandboxBasePath: string;
}

/** The SDK start-up of app/integrations/integry-embed.tsx with its defaults, minus the params request. */
export function SdkFloor({ appKey, deploymentId, userId, hash, sandboxBasePath }: SdkFloorProps) {
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let cancelled = false;
    let sdk: IntegrySdk | undefined;
    const mount = document.createElement("div");
    mount.id = `integry-floor-${crypto.randomUUID()}`;
    container.replaceChildren(mount);

    void import("@integry/sdk").then(({ IntegryJS }) => {
      if (cancelled) return;
      sdk = new IntegryJS({
        appKey,
        deploymentId,
        userId,
        hash,
        options: EMBED_SDK_OPTIONS,
        baseUrl: new URL(sandboxBasePath, location.origin).href,
      });
      sdk.eventEmitter.once("ready", () => performance.mark("integry:ready"));
      sdk.init({
        containerId: mount.id,
        renderMode: IntegryJS.TemplateFormRenderModes[DEFAULT_RENDER_MODE],
        viewStyle: IntegryJS.ViewStyles[EMBED_VIEW_STYLE],
      });
    });

    return () => {
      cancelled = true;
      sdk?.destroy();
      mount.remove();
      document.querySelectorAll('[id^="x-integry-modal-"]').forEach((node) => node.remove());
    };
  }, [appKey, deploymentId, userId, hash, sandboxBasePath]);

  return <div ref={containerRef} data-testid="integry-container" />;
}
