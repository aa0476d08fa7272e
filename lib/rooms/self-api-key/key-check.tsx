"use client";

import { useEffect, useState } from "react";

import { Problem } from "@/lib/integry/browser/problem";
import { EMBED_STARTED_TYPE } from "@/lib/integry/browser/sdk-events";
import type { ApiErrorBody, IntegryParams } from "@/lib/integry/shared/types";

// Integry calls GET /api/v1/me with `user.apiKey`, and the SDK shows nothing when that fails: ask it once ourselves.
async function apiKeyProblem(params: IntegryParams): Promise<string | null> {
  if (!params.user.apiKey) return null;
  const response = await fetch("/api/v1/me", { headers: { Authorization: `Bearer ${params.user.apiKey}` } });
  if (response.status !== 401) return null;
  const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
  return body?.error.message ?? "The API key was refused.";
}

/** Each time the embed starts, checks the key it handed Integry, and says so when this app would refuse it. */
export function ApiKeyCheck() {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let latest = 0;
    const check = (event: Event) => {
      const attempt = ++latest;
      apiKeyProblem((event as CustomEvent<IntegryParams>).detail).then(
        (found) => attempt === latest && setProblem(found),
        () => {},
      );
    };
    window.addEventListener(EMBED_STARTED_TYPE, check);
    return () => window.removeEventListener(EMBED_STARTED_TYPE, check);
  }, []);
  if (!problem) return null;
  return (
    <Problem title="This app's API key was refused">
      <p>
        {problem} Flow steps that call this app as you will fail until the page is reloaded; if it persists, check
        INTEGRY_API_KEY_SECRET.
      </p>
    </Problem>
  );
}
