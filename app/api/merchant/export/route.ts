// GET /api/merchant/export?since=YYYY-MM-DD&until=YYYY-MM-DD — CSV of the signed-in merchant's requests
/**
 * Security: merchant-session cookie only (no API key); the export is always the session's own
 * merchant — there is no merchant id parameter to tamper with. `until` is inclusive of that day.
 */
import { ApiError } from "@/lib/errors";
import { merchantSessionFromRequest } from "@/lib/auth/merchant/session";
import { paymentsCsv } from "@/lib/merchants/payments-csv";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

const DAY_MS = 24 * 60 * 60_000;
const MAX_RANGE_DAYS = 366;

function day(value: string | null, field: string): Date {
  const d = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : null;
  if (!d || Number.isNaN(d.getTime())) {
    throw new ApiError("validation_error", undefined, { details: [{ field, issue: "must be a date YYYY-MM-DD" }] });
  }
  return d;
}

const json = (e: ApiError) => Response.json(e.body(), { status: e.status });

export async function GET(req: Request) {
  const session = await merchantSessionFromRequest(req);
  if (!session) return json(new ApiError("unauthorized", "Sign in to the merchant dashboard first."));
  const url = new URL(req.url);
  try {
    const since = day(url.searchParams.get("since"), "since");
    const until = new Date(day(url.searchParams.get("until"), "until").getTime() + DAY_MS);
    if (until <= since || until.getTime() - since.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      throw new ApiError("validation_error", undefined, { details: [{ field: "until", issue: `must be on or after since, at most ${MAX_RANGE_DAYS} days later` }] });
    }
    const csv = await paymentsCsv(session.merchant, since, until);
    const name = `jopay-${url.searchParams.get("since")}-${url.searchParams.get("until")}.csv`;
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    if (err instanceof ApiError) return json(err);
    throw err;
  }
}

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
