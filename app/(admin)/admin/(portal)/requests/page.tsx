import { adminRequests } from "@/lib/console/read/admin";
import { adminPageSession } from "@/lib/auth/session/current-console-user";
import { Card, Table, td, when } from "@/components/ui/field";
import { formatMinor } from "@/components/partner/money";
import { SearchForm } from "@/components/ui/search-form";

export default async function AdminRequests({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q } = await searchParams;
  const requests = await adminRequests({ session: await adminPageSession() }, q);
  return (
    <>
      <h1 className="text-2xl font-semibold">Requests (all partners)</h1>
      <Card>
        <SearchForm label="Search requests" q={q} placeholder="id, merchant/partner id, memo, customer, tx hash, slug" />
        <Table head={["Request", "Partner", "Merchant", "Amount", "Status", "Proof", "Via", "Created"]}>
          {requests.map((r) => (
            <tr key={r.id} data-testid="request-row">
              <td className={`${td} font-mono text-xs`}>{r.id}</td>
              <td className={td}>{r.partner.slug}{r.testMode ? " (test)" : ""}</td>
              <td className={td}>{r.merchant.businessName ?? r.merchantId}</td>
              <td className={td}>{formatMinor(r.fiatAmountInt, r.fiatCode)}</td>
              <td className={td}>{r.status}</td>
              <td className={td}>{r.proofStatus}</td>
              <td className={td}>{r.createdVia}</td>
              <td className={td}>{when(r.createdAt)}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
