// Full-screen POS view: a QR of the pay link for the customer to scan, turning to "Paid" live.
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import Link from "next/link";
import { PosStatus } from "@/components/merchant/pos-status";
import { requireMerchant } from "@/lib/auth/current-merchant";
import { getMerchantRequest } from "@/lib/merchants/dashboard-requests";
import { formatFiat } from "@/lib/merchants/money-format";
import { payPageUrl } from "@/lib/urls";

export const dynamic = "force-dynamic";

export default async function PosScreen({ params }: { params: Promise<{ id: string }> }) {
  const { merchant } = await requireMerchant();
  const found = await getMerchantRequest(merchant, (await params).id);
  if (!found) notFound();
  const r = found.request;
  const url = payPageUrl(r.id);
  const svg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-white p-6 text-center">
      <p className="text-5xl font-bold" data-testid="pos-amount">
        {formatFiat(r.fiatAmountInt, r.fiatCode)} {r.fiatCode}
      </p>
      {r.memo && <p className="text-xl text-slate-600">{r.memo}</p>}
      <div className="w-[min(80vw,60vh)]" role="img" aria-label="QR code of the payment link" dangerouslySetInnerHTML={{ __html: svg }} />
      <PosStatus requestId={r.id} initial={{ status: r.status, proof_status: r.proofStatus }} />
      <p className="text-sm text-slate-500">
        Scan with your phone camera or wallet · <a className="underline" href={url}>open pay link</a> ·{" "}
        <Link className="underline" href="/merchant">
          back
        </Link>
      </p>
    </main>
  );
}
