"use client";
// While a refund is on its way (sent, confirming), the page re-reads itself so the merchant sees
// it turn into "Refunded ✓" or "Refused" without reloading.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

const EVERY_MS = 2000;

export function RefundAutoRefresh({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), EVERY_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
