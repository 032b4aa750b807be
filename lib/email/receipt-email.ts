// The customer's receipt email: what the pay page's receipt shows (components/pay/live-status.tsx),
// in the same words — who was paid, how much in fiat and USDC, when, the transaction and its
// explorer link (or, for a simulated test payment, that none exists), the request id — under the
// partner's branding as the pay page uses it (name, logo, colours). A plain-text body, which is the
// reference, and an HTML alternative. Sent by ./receipt-email-loop.ts.
import { db } from "@/lib/db";
import { fill, formatDateTime, formatFiat, formatUsdcMicro } from "@/lib/i18n/format";
import { isLocale, DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import { latestProof } from "@/lib/payments/latest-proof";
import { chainFor, publicBranding } from "@/lib/pay-page/load-pay-page";
import { appUrl, payPageUrl } from "@/lib/urls";
import { receiptEmailMessages } from "./receipt-messages";

export interface ReceiptFacts {
  requestId: string;
  locale: Locale;
  merchantName: string;
  partner: { name: string; logoUrl: string | null; primaryColor: string; accentColor: string };
  fiatAmountInt: number;
  fiatCode: string;
  usdcMicro: bigint;
  verifiedAt: Date;
  networkName: string;
  /** null for a simulated payment: its hash was made up and exists on no chain. */
  txHash: string | null;
  explorerUrl: string | null;
  simulated: boolean;
  testMode: boolean;
  memo: string | null;
  /** The pay page, in the email's language: the receipt to print or save as PDF. */
  payPageUrl: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Partner- and merchant-written text is one line in the text body, so it cannot forge lines. */
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function renderReceiptEmail(f: ReceiptFacts): RenderedEmail {
  const m = messagesFor(f.locale);
  const e = receiptEmailMessages(f.locale);
  const merchant = oneLine(f.merchantName);
  const vars = { merchant };
  const amount = `${formatFiat(f.fiatAmountInt, f.fiatCode, f.locale)} · ${formatUsdcMicro(f.usdcMicro)} USDC`;
  const rows: [string, string][] = [
    [m.receiptMerchant, merchant],
    [m.receiptAmount, amount],
    ...(f.memo ? ([[m.memo, oneLine(f.memo)]] as [string, string][]) : []),
    [m.receiptTime, formatDateTime(f.verifiedAt, f.locale, "UTC")],
    [m.network, f.networkName],
    [m.receiptTx, f.simulated || !f.txHash ? m.simulatedLabel : f.txHash],
    [m.receiptRequest, f.requestId],
  ];
  const subject = fill(f.simulated ? e.subjectSimulated : e.subject, vars);
  const intro = fill(f.simulated ? e.introSimulated : e.intro, vars);

  const text = [
    oneLine(f.partner.name),
    "",
    ...(f.simulated ? [m.simulatedLabel.toUpperCase(), m.simulatedBody, ""] : f.testMode ? [m.testBanner, ""] : []),
    intro,
    "",
    `${m.receipt}`,
    ...rows.map(([k, v]) => `${k}: ${v}`),
    ...(f.explorerUrl ? [`${m.viewOnExplorer}: ${f.explorerUrl}`] : []),
    "",
    `${e.viewOnline}: ${f.payPageUrl}`,
    "",
    m.poweredBy,
    e.why,
  ].join("\n");

  const logo = f.partner.logoUrl ? (f.partner.logoUrl.startsWith("/") ? appUrl(f.partner.logoUrl) : f.partner.logoUrl) : null;
  const cell = "padding:6px 12px 6px 0;vertical-align:top;font-size:14px";
  const html = `<!doctype html>
<html lang="${f.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f5f9;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<div style="max-width:560px;margin:0 auto;background:#ffffff">
<div style="height:6px;background:${f.partner.primaryColor}"></div>
<div style="padding:16px 20px;border-bottom:3px solid ${f.partner.accentColor}">${
    logo ? `<img src="${escapeHtml(logo)}" alt="${escapeHtml(f.partner.name)}" height="32" style="height:32px;width:auto;max-width:160px">` : `<strong style="font-size:16px">${escapeHtml(f.partner.name)}</strong>`
  }</div>
${
  f.simulated
    ? `<p data-simulated="true" style="margin:0;padding:10px 20px;background:#fcd34d;color:#000000;font-weight:600;font-size:14px">${escapeHtml(m.simulatedLabel)}<br><span style="font-weight:400">${escapeHtml(m.simulatedBody)}</span></p>`
    : f.testMode
      ? `<p style="margin:0;padding:10px 20px;background:#fcd34d;color:#000000;font-weight:600;font-size:14px">${escapeHtml(m.testBanner)}</p>`
      : ""
}
<div style="padding:20px">
<p style="margin:0 0 16px;font-size:15px">${escapeHtml(intro)}</p>
<h1 style="margin:0 0 8px;font-size:18px">${escapeHtml(m.receipt)}</h1>
<table role="presentation" style="border-collapse:collapse;width:100%">
${rows
  .map(([k, v]) => `<tr><td style="${cell};color:#475569;white-space:nowrap">${escapeHtml(k)}</td><td style="${cell};word-break:break-all">${escapeHtml(v)}</td></tr>`)
  .join("\n")}
</table>
${f.explorerUrl ? `<p style="margin:12px 0 0;font-size:14px"><a href="${escapeHtml(f.explorerUrl)}" style="color:#0f172a">${escapeHtml(m.viewOnExplorer)}</a></p>` : ""}
<p style="margin:16px 0 0;font-size:14px"><a href="${escapeHtml(f.payPageUrl)}" style="color:#0f172a">${escapeHtml(e.viewOnline)}</a></p>
</div>
<div style="padding:16px 20px;border-top:1px solid #e2e8f0;font-size:12px;color:#475569"><p style="margin:0 0 6px">${escapeHtml(m.poweredBy)}</p><p style="margin:0">${escapeHtml(e.why)}</p></div>
</div>
</body></html>`;
  return { subject, text, html };
}

/** The facts of a verified request's receipt, read fresh at send time; null once it is no longer verified (a reorg reversed it). */
export async function loadReceiptFacts(requestId: string, locale: string): Promise<ReceiptFacts | null> {
  const r = await db.paymentRequest.findUnique({
    where: { id: requestId },
    include: {
      partner: { select: { name: true, brandLogoUrl: true, brandPrimaryColor: true, brandAccentColor: true } },
      merchant: { select: { businessName: true, displayName: true } },
    },
  });
  if (!r || r.proofStatus !== "verified" || !r.proofVerifiedAt) return null;
  const proof = await latestProof(r.id);
  const simulated = proof?.simulated ?? false;
  const chain = chainFor(r.chainId, r.testMode);
  const txHash = simulated ? null : r.txHash;
  const lang: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  return {
    requestId: r.id,
    locale: lang,
    merchantName: r.merchant.businessName ?? r.merchant.displayName ?? r.partner.name,
    partner: publicBranding(r.partner),
    fiatAmountInt: r.fiatAmountInt,
    fiatCode: r.fiatCode,
    usdcMicro: r.usdcMicro,
    verifiedAt: r.proofVerifiedAt,
    networkName: chain.name,
    txHash,
    explorerUrl: txHash && chain.explorerTxUrl ? chain.explorerTxUrl.replace(/\{hash\}/g, txHash) : null,
    simulated,
    testMode: r.testMode,
    memo: r.memo,
    payPageUrl: `${payPageUrl(r.id)}?lang=${lang}`,
  };
}
