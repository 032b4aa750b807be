// The pay view's props: built on the server (./view-props.ts), rendered by components/pay/pay-view.tsx
// and hydrated in the browser from the same JSON.
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { PayPageData } from "./load-pay-page";
import type { ProofOutcome } from "./proof-outcome";

/** Plain JSON data: the server renders from it and the browser hydrates from the same copy. */
export interface PayViewProps {
  data: PayPageData;
  locale: Locale;
  m: Messages;
  proofOutcome: ProofOutcome | null;
  /** The QR code of data.paymentUri (SVG markup) and the checksummed recipient. */
  qr: { svg: string; address: string };
  now: number;
}
