"use client";
import { useActionState } from "react";
import { acceptInviteFormAction } from "@/app/(partner)/partner/auth-actions";
import { Field } from "@/components/ui/field";
import { FormError, SubmitButton } from "@/components/ui/form-feedback";

export function AcceptInviteForm({ token, email, partnerName }: { token: string; email: string; partnerName: string | null }) {
  const [state, action, pending] = useActionState(acceptInviteFormAction, null);
  return (
    <form action={action} className="mx-auto mt-16 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">Join {partnerName ?? "JoPay"}</h1>
      <p className="text-sm text-slate-600">Set a password for {email}.</p>
      <input type="hidden" name="token" value={token} />
      <Field label="Your name" name="name" autoComplete="name" />
      <Field label="Password" name="password" type="password" autoComplete="new-password" minLength={10} required />
      <Field label="Confirm password" name="confirm" type="password" autoComplete="new-password" minLength={10} required />
      <FormError message={state?.error} />
      <SubmitButton pending={pending} label="Create account" pendingLabel="Creating account…" />
    </form>
  );
}
