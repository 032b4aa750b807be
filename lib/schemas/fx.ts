// GET /api/v1/fx/rates shapes (SPEC §5).
import { z } from "zod";
import { currencyCode, isoTimestamp } from "./common";

export const fxRatesQuery = z.object({ currency: currencyCode });

export const fxRateOutput = z.object({
  currency: z.string(),
  usd_per_unit: z.string().describe("USD per 1 unit of currency, exact decimal."),
  source: z.string(),
  as_of: isoTimestamp,
  fetched_at: isoTimestamp,
});
