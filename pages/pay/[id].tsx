/**
 * /pay/[id] — the customer's pay page (SPEC §8). Public: the unguessable request id in the link is
 * the only credential, and on a partner's host only that partner's requests exist
 * (lib/pay-page/load-pay-page.ts). Server-rendered with everything needed to pay without JavaScript
 * (QR, address, proof form); the first view by a person's browser marks the request opened (SPEC §6).
 *
 * Why the pages router here when everything else is App Router: the App Router always ships its
 * client router (~130 kB gzip with React DOM), over the page's 100 kB first-load budget. With
 * `unstable_runtimeJS: false` Next sends no JavaScript of its own; PayIsland adds just React DOM and
 * our components, and the wallet code follows on click.
 */
import type { GetServerSideProps } from "next";
import Head from "next/head";
import { PayIsland } from "@/components/pay/pay-island";
import { PayNotFound, PayUnavailable } from "@/components/pay/pay-notice";
import type { PayViewProps } from "@/lib/pay-page/view-types";
import { parseProofOutcome } from "@/lib/pay-page/proof-outcome";
import { isTransientDbError } from "@/lib/db/transient-error";
import { isLocale, negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { log } from "@/lib/log";
import { messagesFor } from "@/lib/i18n/messages";
import { payClientAssets, type PayClientAssets } from "@/lib/pay-page/client-assets";
import { payPageCsp } from "@/lib/pay-page/content-security-policy";
import { fetchHeaders } from "@/lib/pay-page/node-headers";
import { submitProofForm } from "@/lib/pay-page/proof-form-post";
import { payViewProps } from "@/lib/pay-page/view-props";
import { loadPayPage } from "@/lib/pay-page/load-pay-page";
import { isHumanView, markOpened, recordPayPageLocale, viewSignals } from "@/lib/pay-page/mark-opened";

// `runtime` is the default, named so the object matches Next's generated PagesPageConfig type,
// which does not list the (still supported) unstable_runtimeJS.
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

/** `locale` is read by pages/_document.tsx for <html lang>. */
type Props = { locale: Locale } & (
  | { found: true; view: PayViewProps; assets: PayClientAssets | null }
  | { found: false; unavailable?: true }
);

const production = process.env.NODE_ENV === "production";

/** Seconds until the "temporary problem" page reloads itself (and its Retry-After). */
const UNAVAILABLE_RETRY_S = 10;

const PAGE_METHODS = ["GET", "HEAD", "POST"];

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  if (production) ctx.res.setHeader("Content-Security-Policy", payPageCsp());
  try {
    return await loadProps(ctx);
  } catch (err) {
    // The database (or the chain behind it) is away for a moment: what a customer at a till sees is
    // a calm, translated page that retries by itself — served 503 with Retry-After — not Next's
    // bare 500. Anything else is a bug and stays a 500.
    if (!isTransientDbError(err)) throw err;
    log.error("pay page unavailable", { error: err instanceof Error ? err.message : String(err) });
    ctx.res.statusCode = 503;
    ctx.res.setHeader("Retry-After", String(UNAVAILABLE_RETRY_S));
    ctx.res.setHeader("Cache-Control", "no-store");
    const locale = negotiateLocale(first(ctx.query.lang), fetchHeaders(ctx.req.headers).get("accept-language"));
    return { props: { locale, found: false, unavailable: true } };
  }
};

const loadProps: GetServerSideProps<Props> = async ({ req, res, params, query }) => {
  const id = String(params?.id ?? "").toLowerCase();
  // The pages router runs this for any method; a page answers GET/HEAD (and the form's POST) only.
  if (!PAGE_METHODS.includes(req.method ?? "")) {
    res.writeHead(405, { allow: PAGE_METHODS.join(", "), "content-type": "text/plain; charset=utf-8" }).end("Method Not Allowed\n");
    return { props: { locale: "en", found: false } };
  }
  // "I already paid" without JavaScript posts here; post/redirect/get back to this page.
  if (req.method === "POST") return { redirect: { destination: await submitProofForm(req, id), statusCode: 303 } };

  const headers = fetchHeaders(req.headers);
  const locale = negotiateLocale(first(query.lang), headers.get("accept-language"));
  const data = await loadPayPage(id, { host: headers.get("host") });
  if (!data) {
    res.statusCode = 404;
    return { props: { locale, found: false } };
  }
  // A HEAD probe renders like a GET but is no view. The status shown stays as loaded; the customer
  // sees no difference between requested and opened.
  const human = isHumanView(viewSignals(headers, req.method));
  if (data.status.status === "requested" && human) await markOpened(data.requestId, undefined, locale);
  // The language switcher's choice: the receipt email is written in it.
  else if (human && isLocale(first(query.lang))) await recordPayPageLocale(data.requestId, locale);
  if (production && data.frameAncestors.length) {
    // The partner lets these origins frame its pay pages (a POS screen, a checkout).
    res.setHeader("Content-Security-Policy", payPageCsp(data.frameAncestors));
    res.removeHeader("X-Frame-Options");
  }
  const view = await payViewProps(data, locale, parseProofOutcome(first(query.proof)));
  return { props: { locale, found: true, view, assets: payClientAssets() } };
};

export default function PayPage(props: Props) {
  const m = messagesFor(props.locale);
  return (
    <>
      <Head>
        {/* Link previews show a neutral title: never the amount or the merchant to whoever sees the chat. */}
        <title>{`${props.found ? m.pageTitle : "unavailable" in props ? m.unavailableTitle : m.notFoundTitle} — JoPay`}</title>
        <meta name="robots" content="noindex, nofollow" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Retries without JavaScript (the page ships none of Next's). */}
        {!props.found && "unavailable" in props ? <meta httpEquiv="refresh" content={String(UNAVAILABLE_RETRY_S)} /> : null}
      </Head>
      {props.found ? <PayIsland props={props.view} assets={props.assets} /> : "unavailable" in props ? <PayUnavailable m={m} /> : <PayNotFound m={m} />}
    </>
  );
}
