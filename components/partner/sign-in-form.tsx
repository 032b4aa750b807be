"use client";
import { useActionState } from "react";
import { signInFormAction } from "@/app/(partner)/partner/auth-actions";
import { Field } from "@/components/ui/field";
import { FormError, SubmitButton } from "@/components/ui/form-feedback";

export function SignInForm({ title }: { title: string }) {
  const [state, action, pending] = useActionState(signInFormAction, null);
  return (
    <form action={action} className="mx-auto mt-16 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{title}</h1>
      <Field label="Email" name="email" type="email" autoComplete="username" required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <FormError message={state?.error} />
      <SubmitButton pending={pending} label="Sign in" pendingLabel="Signing in…" />
    </form>
  );
}
