// @jopay/node — JoPay's API from Node.js (20+): typed resources generated from the OpenAPI
// document, idempotent creates with retries, and Standard Webhooks verification. No dependencies.
//
//   const jopay = new JoPay({ apiKey: process.env.JOPAY_KEY!, baseUrl: "https://<partner-slug>.jopay.app" });
//   const request = await jopay.requests.create({ merchant_id, fiat_amount_int: 2500 });
//   const event = jopay.webhooks.verify(rawBody, req.headers, process.env.JOPAY_WEBHOOK_SECRET!);
import { HttpClient, type JoPayOptions } from "./client.js";
import { Events, Fx, Merchants, Requests, WebhookEndpoints } from "./resources.js";
import { signWebhook, verifyWebhook } from "./webhooks.js";

export class JoPay {
  readonly requests: Requests;
  readonly merchants: Merchants;
  readonly webhookEndpoints: WebhookEndpoints;
  readonly events: Events;
  readonly fx: Fx;
  /** Verifying deliveries needs no key: `new JoPay(…).webhooks.verify` is the same as `verifyWebhook`. */
  readonly webhooks = { verify: verifyWebhook, sign: signWebhook };

  constructor(options: JoPayOptions) {
    const http = new HttpClient(options);
    this.requests = new Requests(http);
    this.merchants = new Merchants(http);
    this.webhookEndpoints = new WebhookEndpoints(http);
    this.events = new Events(http);
    this.fx = new Fx(http);
  }
}

export default JoPay;
export { generateIdempotencyKey, parseRetryAfter, SDK_VERSION, type CallOptions, type CreateOptions, type JoPayOptions } from "./client.js";
export { JoPayConnectionError, JoPayError, WebhookVerificationError, type FieldIssue } from "./errors.js";
export { PagePromise, type Page } from "./pagination.js";
export { signWebhook, verifyWebhook, WEBHOOK_TOLERANCE_SECONDS, type VerifyOptions, type WebhookEvent, type WebhookHeaders, type WebhookTestEvent } from "./webhooks.js";
export type * from "./generated.js";
export { OPERATIONS } from "./generated.js";
