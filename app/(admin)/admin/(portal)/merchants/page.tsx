import { adminMerchants } from "@/lib/console/read/admin";
import { adminPageSession } from "@/lib/auth/session/current-console-user";
import { ActionForm } from "@/components/ui/action-form";
import { Card, Field, Table, td } from "@/components/ui/field";
import { createOnBehalf, setMerchantDisabled } from "../../actions";
import { SearchForm } from "@/components/ui/search-form";

export default async function AdminMerchants({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q } = await searchParams;
  const merchants = await adminMerchants({ session: await adminPageSession() }, q);
  return (
    <>
      <h1 className="text-2xl font-semibold">Merchants (all partners)</h1>
      <Card>
        <SearchForm label="Search merchants" q={q} placeholder="name, email, wallet, partner slug or id" />
        <Table head={["Merchant", "Partner", "Mode", "Onboarding", "Status", "Create a request on behalf", ""]}>
          {merchants.map((m) => {
            const currency = m.displayCurrency ?? m.partner.currency;
            return (
              <tr key={m.id} data-testid="merchant-row">
                <td className={td}>{m.businessName ?? m.displayName ?? "(unnamed)"}<div className="font-mono text-xs text-slate-500">{m.id}</div></td>
                <td className={td}>{m.partner.slug}</td>
                <td className={td}>{m.testMode ? "test" : "live"}</td>
                <td className={td}>{m.onboardingStatus}</td>
                <td className={td}>{m.disabled ? "disabled" : "active"}</td>
                <td className={td}>
                  {m.onboardingStatus === "complete" && !m.disabled ? (
                    <ActionForm action={createOnBehalf.bind(null, m.id, currency)} submitLabel="Create request">
                      <Field label={`Amount (${currency})`} name="amount" required inputMode="decimal" />
                      <Field label="Memo" name="memo" maxLength={500} />
                    </ActionForm>
                  ) : "—"}
                </td>
                <td className={td}><ActionForm action={setMerchantDisabled.bind(null, m.id, !m.disabled)} submitLabel={m.disabled ? "Enable" : "Disable"} variant={m.disabled ? "secondary" : "danger"} /></td>
              </tr>
            );
          })}
        </Table>
      </Card>
    </>
  );
}
