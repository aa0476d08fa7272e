"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

const REFRESH_MS = 1500;
// A delivery no one sends (no cron, a crashed worker) must not keep an open tab polling for ever: 30 s per change.
const MAX_REFRESHES_PER_CHANGE = 20;

/**
 * Re-renders the server-rendered panel while deliveries are on their way, until their outcomes show.
 * `sending` names them ("" when none); `renderedAt` is new on every server render, so each refresh schedules the next.
 */
export function RefreshWhileSending({ sending, renderedAt }: { sending: string; renderedAt: number }) {
  const router = useRouter();
  const refreshes = useRef({ of: "", count: 0 });
  useEffect(() => {
    if (!sending) return;
    if (refreshes.current.of !== sending) refreshes.current = { of: sending, count: 0 };
    if (refreshes.current.count >= MAX_REFRESHES_PER_CHANGE) return;
    const timer = setTimeout(() => {
      refreshes.current.count++;
      router.refresh();
    }, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [sending, renderedAt, router]);
  return null;
}
