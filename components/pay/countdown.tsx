"use client";
// Time left before the request expires, ticking each second. The server renders the value at
// render time (`initialMs`) so the first paint and the hydrated render agree.
import { useEffect, useState } from "react";
import { formatCountdown } from "@/lib/i18n/format";

export function Countdown({ expiresAt, initialMs }: { expiresAt: string; initialMs: number }) {
  const [ms, setMs] = useState(initialMs);
  useEffect(() => {
    const end = Date.parse(expiresAt);
    const tick = () => setMs(end - Date.now());
    tick();
    const t = setInterval(tick, 1000);
    return () => clearInterval(t);
  }, [expiresAt]);
  // role=timer is implicitly aria-live off: screen readers are not interrupted every second.
  return (
    <span role="timer" className="font-mono tabular-nums">
      {formatCountdown(ms)}
    </span>
  );
}
