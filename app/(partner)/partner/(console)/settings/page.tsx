import { partnerPageCtx } from "@/lib/console/page-ctx";
import { BrandingForm } from "@/components/partner/branding-form";
import { updateBranding } from "../../actions";

export default async function SettingsPage() {
  const { session } = await partnerPageCtx();
  return (
    <>
      <h1 className="text-2xl font-semibold">Branding & policy</h1>
      <BrandingForm partner={session.partner} action={updateBranding} />
    </>
  );
}
