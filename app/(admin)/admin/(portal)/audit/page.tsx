import { adminAuditLog } from "@/lib/console/read/admin";
import { adminPageSession } from "@/lib/auth/session/current-console-user";
import { Card, Field, Table, td, when } from "@/components/ui/field";

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ partner?: string; action?: string }> }) {
  const sp = await searchParams;
  const rows = await adminAuditLog({ session: await adminPageSession() }, { partnerId: sp.partner, action: sp.action });
  return (
    <>
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <Card>
        <form className="mb-3 flex gap-2">
          <Field label="Partner id" name="partner" defaultValue={sp.partner ?? ""} />
          <Field label="Action contains" name="action" defaultValue={sp.action ?? ""} />
          <button className="self-end rounded border border-slate-300 px-3 py-1.5 text-sm">Filter</button>
        </form>
        <Table head={["When", "Who", "Action", "Target", "Before → after"]}>
          {rows.map((a) => (
            <tr key={a.id} data-testid="audit-row">
              <td className={td}>{when(a.createdAt)}</td>
              <td className={td}>{a.actorLabel ?? a.actorId}<div className="text-xs text-slate-500">{a.actorType}</div></td>
              <td className={td}>{a.action}</td>
              <td className={`${td} font-mono text-xs`}>{a.targetType} {a.targetId}</td>
              <td className={`${td} max-w-md break-all font-mono text-xs`}>
                {a.before ? <div className="text-slate-500">{JSON.stringify(a.before)}</div> : null}
                {a.after ? <div>{JSON.stringify(a.after)}</div> : null}
              </td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
