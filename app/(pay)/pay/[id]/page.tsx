// /pay/[id] — the customer's pay page (SPEC §8). Public: the unguessable request id in the link is
// the only credential. Server-rendered with everything needed to pay without JavaScript (QR,
// address, proof form); the first view by a person's browser marks the request opened (SPEC §6).
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { PayView } from "@/components/pay/pay-view";
import { parseProofOutcome } from "@/components/pay/proof-outcome";
import { negotiateLocale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import { loadPayPage } from "@/lib/requests/load-pay-page";
import { isHumanView, markOpened, viewSignals } from "@/lib/requests/mark-opened";
import { submitProof } from "./actions";

type Search = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ searchParams }: { searchParams: Search }): Promise<Metadata> {
  const h = await headers();
  const m = messagesFor(negotiateLocale(first((await searchParams).lang), h.get("accept-language")));
  // Link previews show a neutral title: never the amount or the merchant to whoever sees the chat.
  return { title: `${m.pageTitle} — JoPay` };
}

export default async function PayPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const [{ id }, search, h] = await Promise.all([params, searchParams, headers()]);
  // Same negotiation as proxy.ts (which sets <html lang>), from the same inputs.
  const locale = negotiateLocale(first(search.lang), h.get("accept-language"));

  // On a partner's host only that partner's requests exist (lib/partners/partner-from-host.ts).
  const data = await loadPayPage(id.toLowerCase(), { host: h.get("host") });
  if (!data) notFound();
  // The method comes from proxy.ts: a HEAD probe renders like a GET but is no view. The status
  // shown stays as loaded; the customer sees no difference between requested and opened.
  if (data.status.status === "requested" && isHumanView(viewSignals(h, h.get("x-jopay-method")))) {
    await markOpened(data.requestId);
  }

  return (
    <PayView
      data={data}
      locale={locale}
      m={messagesFor(locale)}
      proofOutcome={parseProofOutcome(first(search.proof))}
      proofAction={submitProof}
      now={data.loadedAt}
    />
  );
}
