// Small building blocks for the developer docs: server-rendered, no client JavaScript.
import type { ReactNode } from "react";

export function Page({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  return (
    <article className="max-w-3xl">
      <h1 className="text-3xl font-semibold">{title}</h1>
      {lead ? <p className="mt-3 text-lg text-slate-700">{lead}</p> : null}
      <div className="mt-6 space-y-4 leading-7 text-slate-800">{children}</div>
    </article>
  );
}

export function H2({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <h2 id={id} className="mt-10 text-xl font-semibold">
      {children}
    </h2>
  );
}

export function Code({ children }: { children: string }) {
  return <pre className="overflow-x-auto rounded bg-slate-900 p-4 text-sm text-slate-100">{children.trim()}</pre>;
}

export function C({ children }: { children: ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 py-0.5 text-[0.9em]">{children}</code>;
}

export function Table({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} className="border-b border-slate-300 px-2 py-1 text-left font-semibold">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="align-top">
              {r.map((cell, j) => (
                <td key={j} className="border-b border-slate-100 px-2 py-1">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
