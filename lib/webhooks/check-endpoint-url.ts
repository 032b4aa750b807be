// Registration-time URL check (SPEC §7) as an API validation error on the `url` field.
import { ApiError } from "@/lib/errors";
import { config } from "@/lib/config";
import { checkWebhookUrl, WebhookUrlError, type Resolver } from "./url-guard";

export async function checkEndpointUrl(url: string, resolve?: Resolver): Promise<string> {
  try {
    return (await checkWebhookUrl(url, { allowPrivate: config().JOPAY_ALLOW_PRIVATE_WEBHOOKS, resolve })).toString();
  } catch (err) {
    if (!(err instanceof WebhookUrlError)) throw err;
    throw new ApiError("validation_error", "The webhook URL is not allowed.", { details: [{ field: "url", issue: err.message }] });
  }
}
