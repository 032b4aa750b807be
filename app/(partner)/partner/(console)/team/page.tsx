import { partnerTeam } from "@/lib/console/read/partner";
import { partnerPageCtx } from "@/lib/console/page-ctx";
import { ActionForm } from "@/components/ui/action-form";
import { Card, Field, Table, td, when } from "@/components/ui/field";
import { inviteTeammate } from "../../actions";

export default async function TeamPage() {
  const { members, invites } = await partnerTeam(await partnerPageCtx());
  return (
    <>
      <h1 className="text-2xl font-semibold">Team</h1>
      <Card title="Invite a teammate">
        <ActionForm action={inviteTeammate} submitLabel="Create invite link">
          <Field label="Email" name="email" type="email" required />
        </ActionForm>
      </Card>
      <Card title="Members">
        <Table head={["Email", "Name", "Last sign-in", "Status"]}>
          {members.map((m) => (
            <tr key={m.id}>
              <td className={td}>{m.email}</td>
              <td className={td}>{m.name ?? "—"}</td>
              <td className={td}>{when(m.lastLoginAt)}</td>
              <td className={td}>{m.disabled ? "disabled" : "active"}</td>
            </tr>
          ))}
        </Table>
      </Card>
      <Card title="Open invites">
        <Table head={["Email", "Expires"]}>
          {invites.map((i) => (
            <tr key={i.id}>
              <td className={td}>{i.email}</td>
              <td className={td}>{when(i.expiresAt)}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
