// The branding form's fields as the branding input: one reading for the console's settings page and
// the admin portal's partner page, which show the same form.
import type { z } from "zod";
import type { brandingInput } from "@/lib/partners/update-branding";
import { list, text } from "./form-state";

export function brandingFromForm(fd: FormData): z.input<typeof brandingInput> {
  const ints = (name: string) => text(fd, name).split(/[\s,]+/).filter(Boolean).map(Number);
  return {
    name: text(fd, "name"),
    currency: text(fd, "currency"),
    brandLogoUrl: text(fd, "brandLogoUrl"),
    brandPrimaryColor: text(fd, "brandPrimaryColor"),
    brandAccentColor: text(fd, "brandAccentColor"),
    allowedExpiryMinutes: ints("allowedExpiryMinutes"),
    defaultPosExpiryMinutes: Number(text(fd, "defaultPosExpiryMinutes")),
    onboardingRequiredFields: list(fd, "onboardingRequiredFields") as never,
    payPageFrameAncestors: text(fd, "payPageFrameAncestors").split(/[\s,]+/).filter(Boolean),
  };
}
