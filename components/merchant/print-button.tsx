"use client";
// Opens the browser's print dialog (print to paper, or save as PDF); the page's print styles leave
// only the receipt on the sheet.
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="rounded-lg border border-slate-300 bg-white px-6 py-3 text-lg font-medium text-slate-900 hover:bg-slate-100">
      {label}
    </button>
  );
}
