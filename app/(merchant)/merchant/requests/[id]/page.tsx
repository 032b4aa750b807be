// One of the signed-in merchant's requests with its event timeline. Another merchant's id is a 404.
import Link from "next/link";
import { notFound } from "next/navigation";
import { MerchantHeader } from "@/components/merchant/merchant-header";
import { requireMerchant } from "@/lib/auth/current-merchant";
import { getMerchantRequest } from "@/lib/merchants/dashboard-requests";
import { formatFiat, formatUsdc } from "@/lib/merchants/money-format";
import { payPageUrl } from "@/lib/urls";

export const dynamic = "force-dynamic";

export default async function RequestDetail({ params }: { params: Promise<{ id: string }> }) {
  const { merchant, partner } = await requireMerchant();
  const found = await getMerchantRequest(merchant, (await params).id);
  if (!found) notFound();
  const { request: r, events } = found;
  const rows: [string, string | null][] = [
    ["Amount", `${formatFiat(r.fiatAmountInt, r.fiatCode)} ${r.fiatCode}`],
    ["USDC", formatUsdc(r.usdcMicro)],
    ["Status", r.status],
    ["Payment", r.proofStatus + (r.late ? " (late)" : "")],
    ["Mode", r.paymentMode],
    ["Memo", r.memo],
    ["Customer", [r.customerName, r.customerEmail, r.customerPhone].filter(Boolean).join(" · ") || null],
    ["Paid to", r.receivingWallet],
    ["Transaction", r.txHash],
    ["Expires", r.expiresAt.toISOString()],
  ];
  return (
    <>
      <MerchantHeader merchant={merchant} partner={partner} />
      <main className="mx-auto max-w-4xl space-y-6 p-4">
        <h1 className="text-xl font-semibold">Request {r.id}</h1>
        <p className="text-sm">
          Pay link: <a className="break-all underline" href={payPageUrl(r.id)}>{payPageUrl(r.id)}</a>
          {r.paymentMode === "pos" && r.proofStatus !== "verified" && (
            <>
              {" · "}
              <Link className="underline" href={`/merchant/pos/${r.id}`}>
                Show QR
              </Link>
            </>
          )}
        </p>
        <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="break-all">{v ?? "—"}</dd>
            </div>
          ))}
        </dl>
        <section>
          <h2 className="font-medium">Timeline</h2>
          <ol className="mt-2 space-y-1 text-sm">
            <li>
              <time>{r.createdAt.toISOString()}</time> — created ({r.createdVia})
            </li>
            {events.map((e) => (
              <li key={e.id}>
                <time>{e.createdAt.toISOString()}</time> — {e.type}
              </li>
            ))}
          </ol>
        </section>
      </main>
    </>
  );
}
