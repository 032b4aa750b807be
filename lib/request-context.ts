// What the code running for one API request knows about it without being handed it: its request
// id. The API wrappers run each handler inside it, so log lines written anywhere below carry the
// id (lib/log.ts) and an event emitted by the request records it (lib/events/emit-event.ts) — the
// worker that delivers that event later logs the same id. Node's AsyncLocalStorage follows awaits.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function withRequestContext<T>(ctx: RequestContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(ctx, fn);
}

/** The request id of the API call this code runs for, if any (none in worker loops). */
export const currentRequestId = (): string | undefined => storage.getStore()?.requestId;
