// What a form shows about its submission: the error the server action returned (announced to
// screen readers) and a submit button that says it is working while the action runs.
export function FormError({ message, className = "text-sm text-red-700" }: { message?: string | null; className?: string }) {
  return message ? (
    <p role="alert" className={className}>
      {message}
    </p>
  ) : null;
}

export function SubmitButton({ pending, label, pendingLabel }: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <button type="submit" disabled={pending} className="w-full rounded bg-slate-900 px-3 py-2 text-sm font-medium text-white disabled:opacity-50">
      {pending ? pendingLabel : label}
    </button>
  );
}
