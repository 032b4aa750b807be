"use client";
import { useState } from "react";

/** A value with a copy button; `once` adds the warning that it will not be shown again. */
export function CopyValue({ label, value, once = false }: { label: string; value: string; once?: boolean }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-medium">{label}</p>
      {once ? <p className="text-amber-800">Copy it now: it will not be shown again.</p> : null}
      <div className="mt-1 flex items-center gap-2">
        <code data-testid="secret-value" className="break-all rounded bg-white px-2 py-1 font-mono text-xs">
          {value}
        </code>
        <button
          type="button"
          className="rounded border border-slate-300 bg-white px-2 py-1 text-xs"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true), () => setCopied(false));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
