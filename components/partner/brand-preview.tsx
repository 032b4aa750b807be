"use client";
// A small live preview of the pay page header and button in the partner's colours: it follows the
// colour inputs of the settings form as they change, before saving.
import { useEffect, useState } from "react";

export function BrandPreview({ name, logoUrl, primary, accent }: { name: string; logoUrl: string | null; primary: string; accent: string }) {
  const [colours, setColours] = useState({ primary, accent });
  useEffect(() => {
    const read = () => {
      const p = document.querySelector<HTMLInputElement>('input[name="brandPrimaryColor"]')?.value;
      const a = document.querySelector<HTMLInputElement>('input[name="brandAccentColor"]')?.value;
      setColours((c) => ({ primary: p ?? c.primary, accent: a ?? c.accent }));
    };
    document.addEventListener("input", read);
    return () => document.removeEventListener("input", read);
  }, []);
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200" data-testid="brand-preview">
      <div className="flex items-center gap-2 p-3 text-white" style={{ background: colours.accent }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- partner-hosted logo of any origin */}
        {logoUrl ? <img src={logoUrl} alt="" className="h-6 w-6 rounded bg-white object-contain" /> : null}
        <span className="font-semibold">{name}</span>
      </div>
      <div className="space-y-2 p-4">
        <p className="text-sm text-slate-500">Alice&apos;s Cafe requests</p>
        <p className="text-2xl font-semibold">25.00 EUR</p>
        <button type="button" className="w-full rounded px-3 py-2 font-medium text-white" style={{ background: colours.primary }}>
          Pay with wallet
        </button>
      </div>
    </div>
  );
}
