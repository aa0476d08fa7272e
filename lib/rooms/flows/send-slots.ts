import "server-only";

import { Sema } from "async-sema";

/** Callback requests one server process has in flight at most, whatever the number of leads and cron calls. */
export const SENDS_PER_PROCESS = 32;

// Next may load this module once per route bundle: one set of slots per process, shared by the leads and cron routes.
const processWide = globalThis as { flowSendSlots?: Sema };
const slots = (processWide.flowSendSlots ??= new Sema(SENDS_PER_PROCESS));

/**
 * Waits for one free send slot, then takes up to `wanted` in all without waiting again. A claim takes only as many
 * deliveries as it holds slots, so no claimed delivery waits for a slot while its lease runs out; and holding slots
 * never waits for more, so two claims can never hold each other's.
 */
export async function takeSendSlots(wanted: number): Promise<number> {
  await slots.acquire();
  let taken = 1;
  while (taken < wanted && slots.tryAcquire() !== undefined) taken++;
  return taken;
}

/** Takes up to `wanted` free slots without waiting: 0 when the process is sending all it may. */
export function takeFreeSendSlots(wanted: number): number {
  let taken = 0;
  while (taken < wanted && slots.tryAcquire() !== undefined) taken++;
  return taken;
}

export function releaseSendSlots(count: number): void {
  for (let slot = 0; slot < count; slot++) slots.release();
}
