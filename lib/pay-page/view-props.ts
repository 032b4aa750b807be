// Everything the pay page renders for one request, as the plain JSON props PayView takes: the same
// object renders on the server and hydrates in the browser. The heavy parts (QR encoding, address
// checksum) are done here, so the browser bundle needs neither the QR encoder nor viem.
import { getAddress } from "viem";
import { qrSvg } from "./qr-svg";
import type { PayViewProps } from "./view-types";
import type { ProofOutcome } from "./proof-outcome";
import type { Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import type { PayPageData } from "./load-pay-page";

export async function payViewProps(data: PayPageData, locale: Locale, proofOutcome: ProofOutcome | null): Promise<PayViewProps> {
  return {
    data,
    locale,
    m: messagesFor(locale),
    proofOutcome,
    qr: { svg: await qrSvg(data.paymentUri), address: getAddress(data.receivingWallet) },
    now: data.loadedAt,
  };
}
