import { adminRequests } from "@/lib/console/read/admin";
import { adminPageSession } from "@/lib/console-auth/current";
import { Card, Field, Table, td, when } from "@/components/ui/field";
import { formatMinor } from "@/components/partner/money";

export default async function AdminRequests({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q } = await searchParams;
  const requests = await adminRequests({ session: await adminPageSession() }, q);
  return (
    <>
      <h1 className="text-2xl font-semibold">Requests (all partners)</h1>
      <Card>
        <form className="mb-3 flex gap-2" role="search">
          <Field label="Search requests" name="q" defaultValue={q ?? ""} placeholder="id, merchant/partner id, memo, customer, tx hash, slug" />
          <button className="self-end rounded border border-slate-300 px-3 py-1.5 text-sm">Search</button>
        </form>
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
