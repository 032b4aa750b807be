// requested → opened on the first pay-page view by a person (SPEC §6). "Opened" tells the partner
// the customer saw the request, and it ends the partner's right to cancel (seeds: cancel only while
// requested), so a link-preview bot unfurling the link in a chat, a router prefetch or a HEAD probe
// must not count as a view.
import { db } from "@/lib/db";
import type { Locale } from "@/lib/i18n/locales";

// Link unfurlers and crawlers that fetch pay links pasted into chats and mail, plus command-line
// clients and headless tooling. Matched case-insensitively anywhere in the User-Agent.
const AUTOMATED_UA =
  /facebookexternalhit|facebookcatalog|meta-externalagent|slackbot|slack-imgproxy|twitterbot|whatsapp|telegrambot|discordbot|linkedinbot|skypeuripreview|googlebot|google-inspectiontool|adsbot-google|bingbot|bingpreview|applebot|yandex(bot|images)|baiduspider|duckduckbot|embedly|pinterestbot|redditbot|vkshare|iframely|quora link preview|curl\/|wget\/|python-requests|python-urllib|aiohttp|httpx|go-http-client|okhttp|java\/|libwww-perl|node-fetch|undici|axios|postmanruntime|\bbot\b|crawler|spider/i;
// Not listed on purpose: in-app browsers of chat apps (Viber, Snapchat, LinkedInApp…) carry the
// app's name but are people; "HeadlessChrome" is also what automated end-to-end tests drive.

export interface ViewSignals {
  method?: string | null;
  userAgent?: string | null;
  /** Next.js router prefetch. */
  nextRouterPrefetch?: string | null;
  /** Legacy `Purpose: prefetch` and the standard `Sec-Purpose: prefetch[;prerender]`. */
  purpose?: string | null;
  secPurpose?: string | null;
}

/** True for a request a person's browser made to show them the page. */
export function isHumanView(s: ViewSignals): boolean {
  const method = (s.method ?? "GET").toUpperCase();
  if (method !== "GET") return false;
  if (s.nextRouterPrefetch) return false;
  if (/prefetch|prerender/i.test(s.purpose ?? "") || /prefetch|prerender/i.test(s.secPurpose ?? "")) return false;
  const ua = s.userAgent?.trim() ?? "";
  // Real browsers always send a User-Agent; its absence is a script.
  if (ua === "") return false;
  return !AUTOMATED_UA.test(ua);
}

/** Reads the signals from request headers (e.g. next/headers). */
export function viewSignals(headers: { get(name: string): string | null }, method?: string | null): ViewSignals {
  return {
    method,
    userAgent: headers.get("user-agent"),
    nextRouterPrefetch: headers.get("next-router-prefetch"),
    purpose: headers.get("purpose") ?? headers.get("x-purpose") ?? headers.get("x-moz"),
    secPurpose: headers.get("sec-purpose"),
  };
}

/**
 * Moves the request to opened if, and only if, it is still `requested` and not past its expiry.
 * One conditional UPDATE, so concurrent first views set openedAt once and a voided or expired
 * request (or one a sweeper is about to expire) is never touched. No webhook event: `opened` is
 * not one of the event types (SPEC §7). Returns whether this call opened it. `locale`: the
 * language that view shows, recorded for the receipt email (lib/email/queue-receipt-email.ts).
 */
export async function markOpened(requestId: string, now = new Date(), locale?: Locale): Promise<boolean> {
  const { count } = await db.paymentRequest.updateMany({
    where: { id: requestId, status: "requested", expiresAt: { gt: now } },
    data: { status: "opened", openedAt: now, ...(locale ? { payPageLocale: locale } : {}) },
  });
  return count === 1;
}

/**
 * The customer picked a language in the pay page's switcher (`?lang=`): the receipt email follows
 * it. A write only when it changes something and the receipt is not yet owed (verified requests
 * have theirs queued already), so the switcher's own links and reloads cost one no-op UPDATE.
 */
export async function recordPayPageLocale(requestId: string, locale: Locale): Promise<void> {
  await db.paymentRequest.updateMany({
    where: { id: requestId, proofStatus: { not: "verified" }, OR: [{ payPageLocale: null }, { payPageLocale: { not: locale } }] },
    data: { payPageLocale: locale },
  });
}
