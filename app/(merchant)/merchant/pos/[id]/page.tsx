// Full-screen POS view. Until paid: a QR of the pay link for the customer to scan, with a live
// status. Once paid, the QR is gone (nothing left to scan by mistake): a large confirmation with the
// amount and time, "New sale", and a receipt to print. Expired or cancelled: no QR either.
import Link from "next/link";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { StateIcon } from "@/components/merchant/payment-state-badge";
import { NEW_SALE_HREF } from "@/components/merchant/new-sale";
import { PosReceipt } from "@/components/merchant/pos-receipt";
import { PosStatus, type PosStatusLabels } from "@/components/merchant/pos-status";
import { PrintButton } from "@/components/merchant/print-button";
import { SimulatedNote } from "@/components/merchant/simulated-note";
import { TimeZoneCookie } from "@/components/merchant/time-zone-cookie";
import { requireMerchant } from "@/lib/auth/session/current-merchant";
import { formatTime, formatUsdcAmount } from "@/lib/i18n/dashboard-format";
import { dashboardMessagesFor, stateLabel } from "@/lib/i18n/dashboard-messages";
import { fill, formatFiat } from "@/lib/i18n/format";
import { messagesFor } from "@/lib/i18n/messages";
import { getMerchantRequest } from "@/lib/merchants/dashboard-requests";
import { paymentFacts } from "@/lib/merchants/payment-facts";
import { isPaid } from "@/lib/merchants/payment-state";
import { payPageUrl } from "@/lib/urls";
import { merchantPreferences, TIME_ZONE_COOKIE } from "../../preferences";

export const dynamic = "force-dynamic";

const newSaleClass = "rounded-lg bg-blue-700 px-6 py-3 text-lg font-semibold text-white hover:bg-blue-800";

export default async function PosScreen({ params }: { params: Promise<{ id: string }> }) {
  const { merchant } = await requireMerchant();
  const { locale, timeZone } = await merchantPreferences();
  const found = await getMerchantRequest(merchant, (await params).id);
  if (!found) notFound();
  const { request: r, proofs } = found;
  const m = dashboardMessagesFor(locale);
  const pm = messagesFor(locale);
  const facts = paymentFacts(r, proofs, new Date());
  const merchantName = merchant.businessName ?? merchant.displayName ?? "";
  const fiat = formatFiat(r.fiatAmountInt, r.fiatCode, locale);
  const vars = { merchant: merchantName, network: facts.network };
  const labels: PosStatusLabels = {
    waiting: pm.statusWaiting,
    seen: pm.statusSeen,
    paid: stateLabel(m, "paid"),
    expired: pm.statusExpired,
    voided: pm.statusVoided,
  };
  const zone = <TimeZoneCookie name={TIME_ZONE_COOKIE} />;

  if (isPaid(facts.state)) {
    return (
      <main className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-white p-6 text-center print:block print:min-h-0 print:p-0">
        {zone}
        <section aria-labelledby="pos-paid" data-testid="pos-paid" className="flex flex-col items-center gap-3 print:hidden">
          <span className="flex h-24 w-24 items-center justify-center rounded-full bg-emerald-600 text-white">
            <StateIcon state="paid" className="h-14 w-14" />
          </span>
          <div role="status">
            <h1 id="pos-paid" data-testid="pos-status" className="text-4xl font-bold text-emerald-800">
              {stateLabel(m, facts.state)}
            </h1>
          </div>
          <p className="text-5xl font-bold break-all" data-testid="pos-amount">
            {fiat}
          </p>
          <p className="font-mono text-lg text-slate-700" data-testid="pos-usdc">
            {formatUsdcAmount(facts.receivedMicro ?? r.usdcMicro, locale)} USDC
          </p>
          {facts.verifiedAt ? (
            <p className="self-stretch text-lg text-slate-700">
              {pm.receiptTime}{" "}
              <time dateTime={facts.verifiedAt.toISOString()} data-testid="pos-paid-at">
                {formatTime(facts.verifiedAt, locale, timeZone)}
              </time>
            </p>
          ) : null}
          {facts.state === "paid_late" ? <p className="max-w-md text-sm text-slate-700">{pm.statusLate}</p> : null}
          {facts.simulated ? (
            <div className="max-w-md">
              <SimulatedNote text={m.simulatedPayment} label={m.simulated} />
            </div>
          ) : null}
          <div className="mt-2 flex flex-wrap justify-center gap-3">
            <Link href={NEW_SALE_HREF} className={newSaleClass} data-testid="new-sale">
              {m.newSale}
            </Link>
            <PrintButton label={m.printReceipt} />
          </div>
        </section>
        <PosReceipt request={r} facts={facts} merchantName={merchantName} m={m} pm={pm} locale={locale} timeZone={timeZone} />
      </main>
    );
  }

  const closed = facts.state === "expired" || facts.state === "cancelled";
  const url = payPageUrl(r.id);
  const svg = closed ? null : await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  // The server's word on expiry (expires_at passed) goes to the poller as its starting point.
  const initial = { status: facts.state === "expired" ? "expired" : r.status, proof_status: r.proofStatus };
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-white p-6 text-center">
      {zone}
      <h1 className="sr-only">{m.requestTitle}</h1>
      <p className="text-5xl font-bold break-all" data-testid="pos-amount">
        {fiat}
      </p>
      {r.memo && <p className="text-xl break-words text-slate-600">{r.memo}</p>}
      {svg ? <div className="w-[min(80vw,60vh)]" role="img" aria-label={m.posQr} dangerouslySetInnerHTML={{ __html: svg }} /> : null}
      <PosStatus requestId={r.id} initial={initial} labels={labels} />
      {closed ? (
        <>
          <p className="max-w-md text-sm text-slate-700">{fill(facts.state === "expired" ? pm.statusExpiredBody : pm.statusVoidedBody, vars)}</p>
          <Link href={NEW_SALE_HREF} className={newSaleClass} data-testid="new-sale">
            {m.newSale}
          </Link>
        </>
      ) : (
        <p className="text-sm text-slate-600">
          {m.posScan} ·{" "}
          <a className="underline" href={url}>
            {m.posOpenLink}
          </a>{" "}
          ·{" "}
          <Link className="underline" href="/merchant">
            {m.posBack}
          </Link>
        </p>
      )}
    </main>
  );
}
