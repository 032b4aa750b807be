import Link from "next/link";
import { adminPartners } from "@/lib/console/read/admin";
import { adminPageSession } from "@/lib/auth/session/current-console-user";
import { ActionForm } from "@/components/ui/action-form";
import { Card, Field, Table, td, when } from "@/components/ui/field";
import { provisionPartner } from "../actions";

export default async function AdminPartners() {
  const partners = await adminPartners({ session: await adminPageSession() });
  return (
    <>
      <h1 className="text-2xl font-semibold">Partners</h1>
      <Card title="Provision a partner">
        <ActionForm action={provisionPartner} submitLabel="Provision partner">
          <Field label="Slug" name="slug" required pattern="[a-z0-9-]+" maxLength={40} />
          <Field label="Name" name="name" required maxLength={120} />
          <Field label="Currency" name="currency" required maxLength={3} defaultValue="EUR" />
          <Field label="Logo URL" name="brandLogoUrl" type="url" />
          <Field label="Primary colour" name="brandPrimaryColor" type="color" defaultValue="#1d4ed8" />
          <Field label="Accent colour" name="brandAccentColor" type="color" defaultValue="#0f172a" />
          <Field label="Rate limit / min (override)" name="rateLimitPerMinute" type="number" min={1} />
          <Field label="Merchant creates / min (override)" name="merchantCreateLimitPerMinute" type="number" min={1} />
        </ActionForm>
      </Card>
      <Card>
        <Table head={["Partner", "Currency", "Merchants", "Users", "Created", "Status"]}>
          {partners.map((p) => (
            <tr key={p.id} data-testid="partner-row">
              <td className={td}><Link className="underline" href={`/admin/partners/${p.id}`}>{p.name}</Link> <span className="text-slate-500">({p.slug})</span></td>
              <td className={td}>{p.currency}</td>
              <td className={td}>{p._count.merchants}</td>
              <td className={td}>{p._count.users}</td>
              <td className={td}>{when(p.createdAt)}</td>
              <td className={td}>{p.disabled ? "disabled" : "active"}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
