// Pay by QR (SPEC §8): the EIP-681 QR, and the same facts as plain text with copy buttons for
// wallets that cannot scan, with the warning that only USDC on the named network arrives. The SVG
// and the checksummed address come ready-made from the server (lib/pay-page/view-props.ts), so this
// hydrates without the QR encoder or viem in the browser.
import { fill, formatUsdcMicro } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages";
import { CopyButton } from "./copy-button";

export function QrPanel({
  uri,
  svg,
  address,
  usdcMicro,
  networkName,
  m,
}: {
  uri: string;
  /** The QR code of `uri` as SVG markup (lib/pay-page/qr-svg.ts). */
  svg: string;
  /** The recipient, EIP-55 checksummed. */
  address: string;
  usdcMicro: string;
  networkName: string;
  m: Messages;
}) {
  const amount = formatUsdcMicro(usdcMicro);
  return (
    <section aria-labelledby="qr-heading" className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="qr-heading" className="text-base font-semibold">
        {m.payByQr}
      </h2>
      <p className="text-sm text-slate-600">{m.payByQrHint}</p>
      <a href={uri} className="mx-auto mt-3 block w-full max-w-64 focus-visible:outline-2 focus-visible:outline-slate-900">
        <div
          role="img"
          aria-label={fill(m.qrAlt, { amount, network: networkName })}
          data-testid="pay-qr"
          data-uri={uri}
          className="[&>svg]:h-auto [&>svg]:w-full"
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      </a>
      <dl className="mt-4 space-y-3 text-sm">
        <div>
          <dt className="font-medium" id="recipient-label">
            {m.recipient}
          </dt>
          <dd className="mt-1 flex items-center gap-2">
            <code className="min-w-0 flex-1 break-all rounded bg-slate-100 px-2 py-1 text-xs" data-testid="pay-address">
              {address}
            </code>
            <CopyButton value={address} label={m.copy} copiedLabel={m.copied} describedBy="recipient-label" />
          </dd>
        </div>
        <div>
          <dt className="font-medium" id="amount-label">
            {m.amountUsdc}
          </dt>
          <dd className="mt-1 flex items-center gap-2">
            <code className="min-w-0 flex-1 rounded bg-slate-100 px-2 py-1 text-xs">{amount}</code>
            <CopyButton value={amount} label={m.copy} copiedLabel={m.copied} describedBy="amount-label" />
          </dd>
        </div>
      </dl>
      <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="network-warning">
        {fill(m.networkWarning, { network: networkName })}
      </p>
    </section>
  );
}
