// Labelled form controls for the console forms (a label wraps its control, so tests and screen
// readers find it by name).
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

const control = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function Field({ label, ...props }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="block text-sm">
      <span className="text-slate-700">{label}</span>
      <input className={`${control} ${props.type === "color" ? "h-9 w-16 p-1" : "w-full"}`} {...props} />
    </label>
  );
}

export function Select({ label, children, ...props }: { label: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <label className="block text-sm">
      <span className="text-slate-700">{label}</span>
      <select className={`${control} w-full`} {...props}>
        {children}
      </select>
    </label>
  );
}

export function Check({ label, ...props }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="inline-flex items-center gap-1.5 text-sm">
      <input type="checkbox" {...props} />
      <span>{label}</span>
    </label>
  );
}

export function Card({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {title ? <h2 className="mb-3 text-lg font-semibold">{title}</h2> : null}
      {children}
    </section>
  );
}

export function Table({ head, children }: { head: string[]; children: ReactNode }) {
  return (
    // A table wider than a phone scrolls inside its box; the box takes focus so a keyboard can
    // scroll it too (WCAG 2.1.1, axe's scrollable-region-focusable).
    <div className="overflow-x-auto" tabIndex={0}>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            {head.map((h) => (
              <th key={h} className="px-2 py-1.5 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export const td = "px-2 py-1.5 align-top";
export const when = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().replace("T", " ").slice(0, 19) + "Z" : "—");
