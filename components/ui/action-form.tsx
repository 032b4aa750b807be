"use client";
// A form bound to a server action that returns FormState: shows the outcome next to the form and a
// one-time secret (API key, webhook secret, invite link) with a copy button.
import { useActionState, type ReactNode } from "react";
import type { FormState } from "@/lib/console/form-state";
import { CopyValue } from "./copy-value";
import { FormError } from "./form-feedback";

export function ActionForm({
  action,
  submitLabel,
  children,
  className = "flex flex-wrap items-end gap-3",
  confirm,
  variant = "primary",
}: {
  action: (prev: FormState | null, fd: FormData) => Promise<FormState>;
  submitLabel: string;
  children?: ReactNode;
  className?: string;
  confirm?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const colours = {
    primary: "bg-slate-900 text-white hover:bg-slate-700",
    secondary: "border border-slate-300 bg-white hover:bg-slate-100",
    danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
  }[variant];
  return (
    <div>
      <form
        action={formAction}
        className={className}
        onSubmit={(e) => {
          if (confirm && !window.confirm(confirm)) e.preventDefault();
        }}
      >
        {children}
        <button type="submit" disabled={pending} className={`rounded px-3 py-1.5 text-sm font-medium disabled:opacity-50 ${colours}`}>
          {pending ? "Working…" : submitLabel}
        </button>
      </form>
      <FormError message={state?.error} className="mt-2 text-sm text-red-700" />
      {state?.ok && state.message ? (
        <p role="status" className="mt-2 text-sm text-emerald-700">
          {state.message}
        </p>
      ) : null}
      {state?.ok && state.secret ? <CopyValue label={state.secretLabel ?? "Secret"} value={state.secret} once /> : null}
    </div>
  );
}
