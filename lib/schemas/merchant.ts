// Merchants API shapes (seeds: merchants-api). The output schema is what every Merchants endpoint
// and the merchant.* webhooks return; serialising through it means no column leaks by accident.
import { z } from "zod";

export const merchantOutput = z.object({
  merchant_id: z.uuid(),
  email: z.string().nullable(),
  display_name: z.string().nullable(),
  business_name: z.string().nullable(),
  country: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  instagram: z.string().nullable(),
  industry: z.string().nullable(),
  account_type: z.enum(["consumer", "business"]),
  onboarding_status: z.enum(["complete", "incomplete"]),
  wallet_address: z.string().nullable(),
  display_currency: z.string().nullable(),
  home_portal: z.string(),
  disabled: z.boolean(),
  created_at: z.string(),
  test_mode: z.boolean(),
  onboarding_url: z.string().nullable(),
});
export type MerchantOutput = z.infer<typeof merchantOutput>;
