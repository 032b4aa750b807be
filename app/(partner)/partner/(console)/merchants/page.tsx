import { partnerMerchants } from "@/lib/console/read/partner";
import { partnerPageCtx } from "@/lib/console/page-ctx";
import { ActionForm } from "@/components/ui/action-form";
import { Card, Field, Select, Table, td, when } from "@/components/ui/field";
import { createMerchant, emailOnboardingLink, newOnboardingLink, setMerchantDisabled } from "../../actions";
import Link from "next/link";
import { SearchForm } from "@/components/ui/search-form";

export default async function MerchantsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q } = await searchParams;
  const { merchants } = await partnerMerchants(await partnerPageCtx(), { search: q });
  return (
    <>
      <h1 className="text-2xl font-semibold">Merchants</h1>
      <Card title="Create a shell merchant">
        <ActionForm action={createMerchant} submitLabel="Create merchant">
          <Field label="Business name" name="business_name" maxLength={120} />
          <Field label="Contact name" name="display_name" maxLength={120} />
          <Field label="Email" name="email" type="email" />
          <Field label="Country" name="country" maxLength={2} placeholder="NL" />
          <Field label="Currency" name="display_currency" maxLength={3} placeholder="(partner default)" />
          <Select label="Account type" name="account_type" defaultValue="business">
            <option value="business">business</option>
            <option value="consumer">consumer</option>
          </Select>
        </ActionForm>
      </Card>
      <Card>
        <SearchForm label="Search merchants" q={q} placeholder="name, email, wallet or id" />
        <Table head={["Merchant", "Onboarding", "Wallet", "Created", "Status", ""]}>
          {merchants.map((m) => (
            <tr key={m.merchant_id} data-testid="merchant-row">
              <td className={td}>
                <div>{m.business_name ?? m.display_name ?? "(unnamed)"}</div>
                <div className="font-mono text-xs text-slate-500">{m.merchant_id}</div>
              </td>
              <td className={td}>{m.onboarding_status}</td>
              <td className={`${td} font-mono text-xs`}>{m.wallet_address ?? "—"}</td>
              <td className={td}>{when(m.created_at)}</td>
              <td className={td}>{m.disabled ? "disabled" : "active"}</td>
              <td className={`${td} space-y-2`}>
                <Link className="text-sm underline" href={`/partner/requests?merchant_id=${m.merchant_id}`}>Requests</Link>
                {m.onboarding_status === "incomplete" ? (
                  <>
                    <ActionForm action={newOnboardingLink.bind(null, m.merchant_id)} submitLabel="Onboarding link" variant="secondary" />
                    <ActionForm action={emailOnboardingLink.bind(null, m.merchant_id)} submitLabel="Email link" variant="secondary" />
                  </>
                ) : null}
                <ActionForm action={setMerchantDisabled.bind(null, m.merchant_id, !m.disabled)} submitLabel={m.disabled ? "Enable" : "Disable"} variant={m.disabled ? "secondary" : "danger"} />
              </td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
