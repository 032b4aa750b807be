// Typed resources over the operation table: each method is one operation of JoPay's API (its
// operationId in the comment), with the body, query and answer types generated from the OpenAPI
// document. test/sdk/operations.test.ts calls every method against a recording server and checks
// the method, path and body it sends against the API's own operation table.
import type { CallOptions, CreateOptions, HttpClient } from "./client.js";
import type { OperationId, Operations } from "./generated.js";
import { PagePromise, type Page } from "./pagination.js";

type Body<Id extends OperationId> = Operations[Id]["body"];
type Query<Id extends OperationId> = Operations[Id]["query"];
type Answer<Id extends OperationId> = Operations[Id]["response"];

/** The operations whose answer is a page. */
type ListId = { [K in OperationId]: Answer<K> extends Page ? K : never }[OperationId];

function list<Id extends ListId, T>(http: HttpClient, id: Id, query: Query<Id> | undefined, items: (page: Answer<Id>) => T[], opts: CallOptions) {
  const page = (offset: number | undefined) =>
    http.call(id, { query: (offset === undefined ? query : { ...query, offset }) as Query<Id>, signal: opts.signal }) as Promise<Answer<Id> & Page>;
  return new PagePromise<Answer<Id> & Page, T>(page, items);
}

export class Requests {
  constructor(private readonly http: HttpClient) {}

  /** createRequest. The idempotency key goes as the Idempotency-Key header; one is generated when you give none. */
  create(body: Body<"createRequest">, opts: CreateOptions = {}) {
    return this.http.call("createRequest", { body, idempotencyKey: opts.idempotencyKey, signal: opts.signal });
  }

  /** getRequest */
  get(id: string, opts: CallOptions = {}) {
    return this.http.call("getRequest", { params: { id }, signal: opts.signal });
  }

  /** listRequests: await for a page, `for await` for every request. */
  list(query?: Query<"listRequests">, opts: CallOptions = {}) {
    return list(this.http, "listRequests", query, (p) => p.requests, opts);
  }

  /** cancelRequest */
  cancel(id: string, opts: CallOptions = {}) {
    return this.http.call("cancelRequest", { params: { id }, signal: opts.signal });
  }

  /** attachProof */
  attachProof(id: string, body: Body<"attachProof">, opts: CallOptions = {}) {
    return this.http.call("attachProof", { params: { id }, body, signal: opts.signal });
  }

  /** simulatePayment (test-mode keys only) */
  simulatePayment(id: string, body: Body<"simulatePayment">, opts: CallOptions = {}) {
    return this.http.call("simulatePayment", { params: { id }, body, signal: opts.signal });
  }

  /** createRefundRequest: ask for a refund of the verified payment (the merchant approves it). Sends an Idempotency-Key; one is generated when you give none. */
  createRefund(id: string, body: Body<"createRefundRequest"> = {}, opts: CreateOptions = {}) {
    return this.http.call("createRefundRequest", { params: { id }, body, idempotencyKey: opts.idempotencyKey, signal: opts.signal });
  }

  /** listRequestRefunds */
  listRefunds(id: string, opts: CallOptions = {}) {
    return this.http.call("listRequestRefunds", { params: { id }, signal: opts.signal });
  }

  /** simulateRefund (test-mode keys only): settle a refund as verified without a chain */
  simulateRefund(id: string, refundId: string, opts: CallOptions = {}) {
    return this.http.call("simulateRefund", { params: { id, refund_id: refundId }, signal: opts.signal });
  }
}

export class Merchants {
  constructor(private readonly http: HttpClient) {}

  /** createMerchant (idempotent on wallet_address) */
  create(body: Body<"createMerchant"> = {}, opts: CallOptions = {}) {
    return this.http.call("createMerchant", { body, signal: opts.signal });
  }

  /** getMerchant */
  get(id: string, opts: CallOptions = {}) {
    return this.http.call("getMerchant", { params: { id }, signal: opts.signal });
  }

  /** listMerchants: await for a page, `for await` for every merchant. */
  list(query?: Query<"listMerchants">, opts: CallOptions = {}) {
    return list(this.http, "listMerchants", query, (p) => p.merchants, opts);
  }

  /** createOnboardingLink: a fresh single-use onboarding_url */
  onboardingLink(id: string, body: Body<"createOnboardingLink"> = {}, opts: CallOptions = {}) {
    return this.http.call("createOnboardingLink", { params: { id }, body, signal: opts.signal });
  }

  /** completeTestOnboarding (test-mode keys only): onboard a test merchant with a wallet, no signature */
  testOnboarding(id: string, body: Body<"completeTestOnboarding">, opts: CallOptions = {}) {
    return this.http.call("completeTestOnboarding", { params: { id }, body, signal: opts.signal });
  }
}

export class WebhookEndpoints {
  constructor(private readonly http: HttpClient) {}

  /** createWebhookEndpoint: the answer's `secret` (whsec_…) is shown only here */
  create(body: Body<"createWebhookEndpoint">, opts: CallOptions = {}) {
    return this.http.call("createWebhookEndpoint", { body, signal: opts.signal });
  }

  /** getWebhookEndpoint */
  get(id: string, opts: CallOptions = {}) {
    return this.http.call("getWebhookEndpoint", { params: { id }, signal: opts.signal });
  }

  /** listWebhookEndpoints: await for a page, `for await` for every endpoint. */
  list(query?: Query<"listWebhookEndpoints">, opts: CallOptions = {}) {
    return list(this.http, "listWebhookEndpoints", query, (p) => p.webhook_endpoints, opts);
  }

  /** updateWebhookEndpoint */
  update(id: string, body: Body<"updateWebhookEndpoint">, opts: CallOptions = {}) {
    return this.http.call("updateWebhookEndpoint", { params: { id }, body, signal: opts.signal });
  }

  /** deleteWebhookEndpoint */
  delete(id: string, opts: CallOptions = {}) {
    return this.http.call("deleteWebhookEndpoint", { params: { id }, signal: opts.signal });
  }

  /** rotateWebhookEndpointSecret: the new secret is shown once; the old one keeps signing for 24 h */
  rotateSecret(id: string, opts: CallOptions = {}) {
    return this.http.call("rotateWebhookEndpointSecret", { params: { id }, signal: opts.signal });
  }

  /** sendWebhookTestEvent: a signed webhook.test to this endpoint only */
  sendTestEvent(id: string, opts: CallOptions = {}) {
    return this.http.call("sendWebhookTestEvent", { params: { id }, signal: opts.signal });
  }
}

export class Events {
  constructor(private readonly http: HttpClient) {}

  /** listEvents: await for a page, `for await` for every event. */
  list(query?: Query<"listEvents">, opts: CallOptions = {}) {
    return list(this.http, "listEvents", query, (p) => p.events, opts);
  }

  /** getEvent, with its deliveries and their attempts */
  get(id: string, opts: CallOptions = {}) {
    return this.http.call("getEvent", { params: { id }, signal: opts.signal });
  }

  /** redeliverEvent: the same webhook-id, a fresh retry schedule */
  redeliver(id: string, body: Body<"redeliverEvent"> = {}, opts: CallOptions = {}) {
    return this.http.call("redeliverEvent", { params: { id }, body, signal: opts.signal });
  }
}

export class Fx {
  constructor(private readonly http: HttpClient) {}

  /** getFxRate: the rate a create would use now */
  rate(query: Query<"getFxRate">, opts: CallOptions = {}) {
    return this.http.call("getFxRate", { query, signal: opts.signal });
  }
}
