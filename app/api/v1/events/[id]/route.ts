/** Tenant + mode: findEventOrNotFound makes other partners' and modes' event ids a plain 404. */
import { withApiKey } from "@/lib/api/with-api-key";
import { webhookOperations } from "@/lib/api/operations/webhooks";
import { findEventOrNotFound } from "@/lib/webhooks/find-event";
import { serializeEventDetail } from "@/lib/webhooks/serialize-event";
import { allowOptions, methodNotAllowed } from "@/lib/api/allowed-methods";

// GET /api/v1/events/:id — one event with its deliveries and every attempt
export const GET = withApiKey(webhookOperations.getEvent, async ({ ctx, params }) => serializeEventDetail(await findEventOrNotFound(ctx, params.id)));

// Any other method: the error table's JSON 405 with Allow; OPTIONS names the real ones.
export const OPTIONS = allowOptions;
export const POST = methodNotAllowed, PUT = methodNotAllowed, PATCH = methodNotAllowed, DELETE = methodNotAllowed;
