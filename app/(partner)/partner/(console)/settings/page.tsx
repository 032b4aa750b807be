import { ONBOARDING_FIELDS } from "@/lib/auth/onboard-merchant";
import { partnerPageCtx } from "@/lib/console/page-ctx";
import { ActionForm } from "@/components/ui/action-form";
import { Card, Check, Field } from "@/components/ui/field";
import { BrandPreview } from "@/components/partner/brand-preview";
import { updateBranding } from "../../actions";

export default async function SettingsPage() {
  const { session } = await partnerPageCtx();
  const p = session.partner;
  return (
    <>
      <h1 className="text-2xl font-semibold">Branding & policy</h1>
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Settings">
          <ActionForm action={updateBranding} submitLabel="Save" className="space-y-3">
            <Field label="Name" name="name" defaultValue={p.name} required maxLength={120} />
            <Field label="Logo URL" name="brandLogoUrl" type="url" defaultValue={p.brandLogoUrl ?? ""} />
            <div className="flex gap-4">
              <Field label="Primary colour" name="brandPrimaryColor" type="color" defaultValue={p.brandPrimaryColor} />
              <Field label="Accent colour" name="brandAccentColor" type="color" defaultValue={p.brandAccentColor} />
            </div>
            <Field label="Currency" name="currency" defaultValue={p.currency} maxLength={3} required />
            <Field label="Allowed expiries (minutes, comma-separated)" name="allowedExpiryMinutes" defaultValue={p.allowedExpiryMinutes.join(", ")} required />
            <Field label="Default POS expiry (minutes)" name="defaultPosExpiryMinutes" type="number" defaultValue={p.defaultPosExpiryMinutes} required />
            <Field
              label="Sites that may show your pay pages in a frame (origins, one per line or comma-separated; none by default)"
              name="payPageFrameAncestors"
              defaultValue={p.payPageFrameAncestors.join(", ")}
              placeholder="https://pos.example.com"
            />
            <fieldset className="flex flex-wrap gap-3">
              <legend className="text-sm text-slate-700">Required at merchant onboarding</legend>
              {ONBOARDING_FIELDS.map((f) => <Check key={f} label={f} name="onboardingRequiredFields" value={f} defaultChecked={p.onboardingRequiredFields.includes(f)} />)}
            </fieldset>
          </ActionForm>
        </Card>
        <Card title="Pay page preview">
          <BrandPreview name={p.name} logoUrl={p.brandLogoUrl} primary={p.brandPrimaryColor} accent={p.brandAccentColor} />
        </Card>
      </div>
    </>
  );
}
