import { SCOPES } from "@/lib/api-keys/scopes";
import { partnerKeys } from "@/lib/console/read/partner";
import { partnerPageCtx } from "@/lib/console/page-ctx";
import { ActionForm } from "@/components/ui/action-form";
import { Card, Check, Field, Select, Table, td, when } from "@/components/ui/field";
import { createKey, revokeKey, rollKey } from "../../actions";

export default async function KeysPage() {
  const ctx = await partnerPageCtx();
  const keys = await partnerKeys(ctx);
  const now = new Date();
  return (
    <>
      <h1 className="text-2xl font-semibold">API keys</h1>
      <Card title="Create a key">
        <ActionForm action={createKey} submitLabel="Create key">
          <Field label="Name" name="name" placeholder="e.g. production server" />
          <Select label="Mode" name="mode" defaultValue={ctx.testMode ? "test" : "live"}>
            <option value="live">live</option>
            <option value="test">test</option>
          </Select>
          <fieldset className="flex flex-wrap gap-3">
            <legend className="text-sm text-slate-700">Scopes (none checked = all)</legend>
            {SCOPES.map((s) => <Check key={s} label={s} name="scopes" value={s} />)}
          </fieldset>
        </ActionForm>
      </Card>
      <Card title={`${ctx.testMode ? "Test" : "Live"} keys`}>
        <Table head={["Key", "Name", "Scopes", "Created", "Last used", "Status", ""]}>
          {keys.map((k) => {
            const status = k.revoked_at ? "revoked" : k.expires_at && k.expires_at <= now ? "expired" : k.expires_at ? `expires ${when(k.expires_at)}` : "active";
            const usable = !k.revoked_at && !(k.expires_at && k.expires_at <= now);
            return (
              <tr key={k.id} data-testid="api-key-row">
                <td className={`${td} font-mono`}>{k.display_prefix}…</td>
                <td className={td}>{k.name || "—"}</td>
                <td className={`${td} text-xs`}>{k.scopes.join(", ")}</td>
                <td className={td}>{when(k.created_at)}</td>
                <td className={td}>{when(k.last_used_at)}</td>
                <td className={td}>{status}</td>
                <td className={`${td} space-y-2`}>
                  {usable ? (
                    <>
                      <ActionForm action={rollKey.bind(null, k.id)} submitLabel="Roll" variant="secondary">
                        <Select label="Old key overlap" name="overlapDays" defaultValue="1">
                          {[0, 1, 2, 3, 4, 5, 6, 7].map((d) => <option key={d} value={d}>{d} day(s)</option>)}
                        </Select>
                      </ActionForm>
                      <ActionForm action={revokeKey.bind(null, k.id)} submitLabel="Revoke" variant="danger" confirm="Revoke this key? Calls using it will fail at once." />
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </Table>
      </Card>
    </>
  );
}
