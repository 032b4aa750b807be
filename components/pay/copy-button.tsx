"use client";
// Copies a value to the clipboard. Without JavaScript the value stays visible and selectable
// next to the button, so nothing depends on it.
import { useState } from "react";

export function CopyButton({ value, label, copiedLabel, describedBy }: { value: string; label: string; copiedLabel: string; describedBy?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-describedby={describedBy}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        } catch {
          setCopied(false);
        }
      }}
      className="shrink-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
    >
      <span aria-live="polite">{copied ? copiedLabel : label}</span>
    </button>
  );
}
