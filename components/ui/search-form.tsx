// The search box above console and admin lists: a GET form, so results are linkable and work
// without JavaScript.
import { Field } from "./field";

export function SearchForm({ label, q, placeholder }: { label: string; q?: string; placeholder: string }) {
  return (
    <form className="mb-3 flex gap-2" role="search">
      <Field label={label} name="q" defaultValue={q ?? ""} placeholder={placeholder} />
      <button className="self-end rounded border border-slate-300 px-3 py-1.5 text-sm">Search</button>
    </form>
  );
}
