"use client";

import { useRouter } from "next/navigation";

export function RetryButton({ deliveryId }: { deliveryId: number }) {
  const router = useRouter();
  const retry = async () => {
    await fetch(`/api/deliveries/${deliveryId}/retry`, { method: "POST" });
    router.refresh();
  };
  return (
    <button type="button" className="button secondary" onClick={() => void retry()}>
      Retry
    </button>
  );
}
