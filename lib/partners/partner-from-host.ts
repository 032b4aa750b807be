// Which surface a request's Host header addresses (SPEC §1): `<partner-slug>.<base-domain>[:port]`
// is a partner's host and selects its branding; `admin.<base-domain>` is the admin portal; the app
// host (APP_URL) and anything else is the bare host. In development `demo.localhost:3000` is
// partner "demo" (JOPAY_BASE_DOMAIN defaults to localhost). The one place hosts are interpreted:
// the pay page, onboarding and the consoles all ask here.
//
// A Host header is client-controlled. It may only ever narrow what is shown (a partner host shows
// that partner's requests only); it never grants access to anything the bare host would not.
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { partnerSlug } from "./create-partner";

export type HostSurface = { kind: "app" } | { kind: "admin" } | { kind: "partner"; slug: string };

const hostnameOf = (host: string) => host.trim().toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");

/** Classifies a Host header value (host[:port]); a missing or foreign host is the bare app host. */
export function surfaceFromHost(host: string | null | undefined): HostSurface {
  if (!host) return { kind: "app" };
  const hostname = hostnameOf(host);
  // APP_URL may itself sit under the base domain (app.jopay.example): that is the app, not a partner.
  if (hostname === hostnameOf(new URL(config().APP_URL).host)) return { kind: "app" };
  const base = hostnameOf(config().JOPAY_BASE_DOMAIN);
  if (!hostname.endsWith(`.${base}`)) return { kind: "app" };
  const label = hostname.slice(0, -(base.length + 1));
  if (label === "admin") return { kind: "admin" };
  // Only a valid, unreserved slug names a partner (www.<base>, app.<base>… are the bare host).
  return partnerSlug.safeParse(label).success ? { kind: "partner", slug: label } : { kind: "app" };
}

/** The partner slug a host names, or null on the bare app host and the admin host. */
export function partnerSlugFromHost(host: string | null | undefined): string | null {
  const s = surfaceFromHost(host);
  return s.kind === "partner" ? s.slug : null;
}

/**
 * The partner whose host this is: null on the bare/admin host, and also for a partner host whose
 * slug no partner has (callers answer 404 there rather than fall back to JoPay's branding).
 */
export async function partnerFromHost(host: string | null | undefined) {
  const slug = partnerSlugFromHost(host);
  if (!slug) return null;
  return db.partner.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, brandLogoUrl: true, brandPrimaryColor: true, brandAccentColor: true },
  });
}
