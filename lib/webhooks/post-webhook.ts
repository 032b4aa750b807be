// One HTTP POST of a signed webhook, through node:http(s) with the SSRF guard as the socket's DNS
// lookup (url-guard.ts). node:http never follows redirects, so a 3xx is just a status we record as a
// failure (SPEC §7). Success = 2xx within the timeout.
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { StringDecoder } from "node:string_decoder";
import { guardedLookup, parseWebhookUrl, resolveAllowed, urlHost, WebhookUrlError, type Resolver } from "./url-guard";

export const EXCERPT_BYTES = 1024;

export interface PostOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  resolve?: Resolver;
}

export interface PostResult {
  statusCode: number | null;
  success: boolean;
  latencyMs: number;
  /** First ≤ 1 KiB of the response body, for the delivery log. */
  responseExcerpt: string | null;
  error: string | null;
}

export async function postWebhook(rawUrl: string, body: Buffer, headers: Record<string, string>, opts: PostOptions): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = parseWebhookUrl(rawUrl, opts.allowPrivate);
    // IP literals never reach `lookup`, so check them here; hostnames are checked by the lookup.
    if (isIP(urlHost(url))) await resolveAllowed(urlHost(url), opts);
  } catch (err) {
    const message = err instanceof WebhookUrlError ? `refused: URL ${err.message}` : String(err);
    return { statusCode: null, success: false, latencyMs: elapsed(), responseExcerpt: null, error: message };
  }

  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const finish = (r: Omit<PostResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, latencyMs: elapsed() });
    };
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(url, {
      method: "POST",
      headers: {
        ...headers,
        "content-type": "application/json",
        "content-length": String(body.length),
        "user-agent": "JoPay-Webhooks/1",
      },
      lookup: guardedLookup(opts),
      agent: false, // a fresh socket per attempt: every connect goes through the guard
    });
    // The status line decides the outcome; a body that trickles past the timeout only cuts the excerpt.
    let onResponseTimeout: (() => void) | null = null;
    const timer = setTimeout(() => {
      if (onResponseTimeout) onResponseTimeout();
      else finish({ statusCode: null, success: false, responseExcerpt: null, error: `timeout after ${opts.timeoutMs} ms` });
      req.destroy();
    }, opts.timeoutMs);

    req.on("error", (err: NodeJS.ErrnoException) => {
      const error = err.code === "EWEBHOOKBLOCKED" ? `refused: URL ${err.message}` : `${err.code ?? "error"}: ${err.message}`;
      finish({ statusCode: null, success: false, responseExcerpt: null, error });
    });
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        // StringDecoder.write keeps a multi-byte character cut at the limit out, so ≤ 1 KiB holds.
        const excerpt = new StringDecoder("utf8").write(Buffer.concat(chunks).subarray(0, EXCERPT_BYTES));
        const success = status >= 200 && status < 300;
        const error = success ? null : status >= 300 && status < 400 ? `redirect ${status} not followed` : `HTTP ${status}`;
        finish({ statusCode: status, success, responseExcerpt: excerpt || null, error });
        res.destroy();
      };
      onResponseTimeout = done;
      res.on("data", (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        if (size >= EXCERPT_BYTES) done(); // we need no more than the excerpt
      });
      res.on("end", done);
      res.on("error", done);
      res.on("aborted", done);
    });
    req.end(body);
  });
}
