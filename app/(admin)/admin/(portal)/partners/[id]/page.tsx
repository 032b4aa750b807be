import { notFound } from "next/navigation";
import { adminPartner } from "@/lib/console/read/admin";
import { adminPageSession } from "@/lib/auth/session/current-console-user";
import { ActionForm } from "@/components/ui/action-form";
import { Card, Check, Field, Table, td, when } from "@/components/ui/field";
import { BrandingForm } from "@/components/partner/branding-form";
import { invitePartnerUser, setUserDisabled, updatePartner, updatePartnerBranding } from "../../../actions";

export default async function AdminPartnerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const p = await adminPartner({ session: await adminPageSession() }, id);
  if (!p) notFound();
  return (
    <>
      <h1 className="text-2xl font-semibold">{p.name} <span className="text-base text-slate-500">({p.slug})</span></h1>
      <Card title="Limits and status">
        <ActionForm action={updatePartner.bind(null, p.id)} submitLabel="Save">
          <Field label="Rate limit / min (empty = default 60)" name="rateLimitPerMinute" type="number" min={1} defaultValue={p.rateLimitPerMinute ?? ""} />
          <Field label="Merchant creates / min (empty = default 30)" name="merchantCreateLimitPerMinute" type="number" min={1} defaultValue={p.merchantCreateLimitPerMinute ?? ""} />
          <Check label="Disabled" name="disabled" defaultChecked={p.disabled} />
        </ActionForm>
      </Card>
      <BrandingForm partner={p} action={updatePartnerBranding.bind(null, p.id)} title="Branding & policy" submitLabel="Update branding" />
      <Card title="Invite a partner user">
        <ActionForm action={invitePartnerUser.bind(null, p.id)} submitLabel="Create invite link">
          <Field label="Email" name="email" type="email" required />
        </ActionForm>
      </Card>
      <Card title="Users">
        <Table head={["Email", "Name", "Last sign-in", "Status", ""]}>
          {p.users.map((u) => (
            <tr key={u.id}>
              <td className={td}>{u.email}</td>
              <td className={td}>{u.name ?? "—"}</td>
              <td className={td}>{when(u.lastLoginAt)}</td>
              <td className={td}>{u.disabled ? "disabled" : u.lockedUntil && u.lockedUntil > new Date() ? "locked" : "active"}</td>
              <td className={td}><ActionForm action={setUserDisabled.bind(null, u.id, !u.disabled)} submitLabel={u.disabled ? "Enable" : "Disable"} variant="secondary" /></td>
            </tr>
          ))}
        </Table>
        <h3 className="mt-4 font-medium">Open invites</h3>
        <ul className="text-sm">{p.invites.map((i) => <li key={i.id}>{i.email} — expires {when(i.expiresAt)}</li>)}</ul>
      </Card>
    </>
  );
}
