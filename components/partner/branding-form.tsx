// The branding and policy form beside its pay page preview: the console's settings page and the
// admin portal's partner page show this one form (each bound to its own server action).
import type { Partner } from "@/lib/generated/prisma/client";
import { ONBOARDING_FIELDS } from "@/lib/auth/merchant/onboard";
import type { FormState } from "@/lib/console/form-state";
import { ActionForm } from "@/components/ui/action-form";
import { Card, Check, Field } from "@/components/ui/field";
import { BrandPreview } from "./brand-preview";

export function BrandingForm({
  partner: p,
  action,
  title = "Settings",
  submitLabel = "Save",
}: {
  partner: Partner;
  action: (prev: FormState | null, fd: FormData) => Promise<FormState>;
  title?: string;
  submitLabel?: string;
}) {
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Card title={title}>
        <ActionForm action={action} submitLabel={submitLabel} className="space-y-3">
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
  );
}
