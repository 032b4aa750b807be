// Said wherever a simulated payment's made-up transaction would otherwise show (issue 19): the word
// "simulated" as a badge and what it means.
export function SimulatedNote({ text, label }: { text: string; label: string }) {
  return (
    <span className="block" data-testid="simulated-note">
      <span className="mr-1 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide text-amber-900">{label}</span>
      <span className="text-sm text-slate-700">{text}</span>
    </span>
  );
}
