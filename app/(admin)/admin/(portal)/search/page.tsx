import Link from "next/link";
import { adminSearch } from "@/lib/console/read/admin-search";
import { adminPageSession } from "@/lib/auth/session/current-console-user";
import { Card, Table, td, when } from "@/components/ui/field";
import { formatMinor } from "@/components/partner/money";
import { SearchForm } from "@/components/ui/search-form";

const mode = (testMode: boolean) => (testMode ? "test" : "live");

export default async function AdminSearch({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q } = await searchParams;
  const r = await adminSearch({ session: await adminPageSession() }, typeof q === "string" ? q : undefined);
  const none = r.searched && !r.partners.length && !r.merchants.length && !r.requests.length;
  return (
    <>
      <h1 className="text-2xl font-semibold">Search</h1>
      <Card>
        <SearchForm label="Id, id prefix or partner slug" q={r.q} placeholder="0190c3a2, a full id or a slug" />
        {!r.searched ? <p className="text-sm text-slate-600">Partners, merchants and requests by id or its first characters (4 or more), partners also by slug.</p> : null}
        {none ? <p className="text-sm" data-testid="search-none">Nothing matches “{r.q}”.</p> : null}
      </Card>
      {r.partners.length ? (
        <Card title="Partners">
          <Table head={["Partner", "Id", "Status"]}>
            {r.partners.map((p) => (
              <tr key={p.id} data-testid="search-partner">
                <td className={td}><Link className="underline" href={`/admin/partners/${p.id}`}>{p.name}</Link> <span className="text-slate-600">({p.slug})</span></td>
                <td className={`${td} break-all font-mono text-xs`}>{p.id}</td>
                <td className={td}>{p.disabled ? "disabled" : "active"}</td>
              </tr>
            ))}
          </Table>
        </Card>
      ) : null}
      {r.merchants.length ? (
        <Card title="Merchants">
          <Table head={["Merchant", "Partner", "Mode", "Onboarding"]}>
            {r.merchants.map((m) => (
              <tr key={m.id} data-testid="search-merchant">
                <td className={td}>
                  <Link className="underline" href={`/admin/merchants?q=${m.id}`}>{m.businessName ?? m.displayName ?? "(unnamed)"}</Link>
                  <div className="break-all font-mono text-xs text-slate-600">{m.id}</div>
                </td>
                <td className={td}><Link className="underline" href={`/admin/partners/${m.partner.id}`}>{m.partner.name}</Link></td>
                <td className={td}>{mode(m.testMode)}</td>
                <td className={td}>{m.onboardingStatus}{m.disabled ? " · disabled" : ""}</td>
              </tr>
            ))}
          </Table>
        </Card>
      ) : null}
      {r.requests.length ? (
        <Card title="Requests">
          <Table head={["Request", "Partner", "Merchant", "Mode", "Amount", "Status", "Created"]}>
            {r.requests.map((x) => (
              <tr key={x.id} data-testid="search-request">
                <td className={`${td} break-all font-mono text-xs`}><Link className="underline" href={`/admin/requests?q=${x.id}`}>{x.id}</Link></td>
                <td className={td}><Link className="underline" href={`/admin/partners/${x.partner.id}`}>{x.partner.name}</Link></td>
                <td className={td}>{x.merchant.businessName ?? x.merchant.displayName ?? x.merchant.id}</td>
                <td className={td}>{mode(x.testMode)}</td>
                <td className={`${td} whitespace-nowrap`}>{formatMinor(x.fiatAmountInt, x.fiatCode)}</td>
                <td className={td}>{x.status} · {x.proofStatus}</td>
                <td className={`${td} whitespace-nowrap`}>{when(x.createdAt)}</td>
              </tr>
            ))}
          </Table>
        </Card>
      ) : null}
    </>
  );
}
