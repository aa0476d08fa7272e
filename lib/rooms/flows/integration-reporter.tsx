"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

import { SDK_EVENT_TYPE, type SdkEvent } from "@/lib/integry/browser/sdk-events";

const STATUS_EVENTS = new Set(["did-enable-integration", "did-disable-integration", "did-delete-integration"]);

function reportOf({ name, payload }: SdkEvent["detail"]) {
  const fields = (payload ?? {}) as Record<string, unknown>;
  if (name === "did-save-integration") {
    const { integrationId, flowName, status, callbackUrl = null } = fields;
    return { event: name, integrationId, flowName, status, callbackUrl };
  }
  return STATUS_EVENTS.has(name) ? { event: name, integrationId: fields.integrationId } : undefined;
}

/**
 * Tells the server what the user just did in the embed: the callback URL of a saved integration, or that
 * one was enabled, disabled or deleted. A tab closed mid-save loses the report; saving again repairs it.
 */
export function IntegrationReporter() {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const report = async (event: Event) => {
      const body = reportOf((event as SdkEvent).detail);
      if (!body) return;
      const response = await fetch("/api/flow-integrations", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        keepalive: true,
      });
      const answer = (await response.json().catch(() => null)) as { error?: { message: string } } | null;
      setProblem(response.ok ? null : (answer?.error?.message ?? `The server answered ${response.status}.`));
      router.refresh();
    };
    const listener = (event: Event) => void report(event).catch(() => setProblem("The server could not be reached."));
    window.addEventListener(SDK_EVENT_TYPE, listener);
    return () => window.removeEventListener(SDK_EVENT_TYPE, listener);
  }, [router]);
  return problem ? (
    <p role="alert" className="error" data-testid="flow-report-error">
      {problem}
    </p>
  ) : null;
}
