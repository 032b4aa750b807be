// Body size, media type and JSON parsing, before any schema runs (SPEC §4: >64 KiB → 413, not
// JSON → 415, bad JSON → 400). Every /api route wrapper reads bodies only through readJsonBody.
import { ApiError, errorTable } from "@/lib/errors";

export const MAX_BODY_BYTES = 64 * 1024;

/** Methods whose body is read; a DELETE's (or GET's) is ignored as it always was. */
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

/**
 * `application/json`, any case, with any parameters (`; charset=utf-8`). The body is decoded as
 * UTF-8 whatever the charset says: JSON exchanged between systems is UTF-8 (RFC 8259 §8.1).
 */
export function isJsonMediaType(contentType: string | null): boolean {
  return contentType?.split(";", 1)[0].trim().toLowerCase() === "application/json";
}

/**
 * The parsed JSON body of a POST/PUT/PATCH, or undefined when there is none (no bytes at all: an
 * operation such as cancel is called without a body or a Content-Type). A body with content must
 * be declared JSON, also where the operation reads no fields.
 */
export async function readJsonBody(req: Request): Promise<unknown> {
  if (!BODY_METHODS.has(req.method.toUpperCase())) return undefined;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ApiError("payload_too_large");
  if (!req.body) return undefined;
  // Count bytes as they arrive: a missing or lying Content-Length must not let a huge body in.
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw new ApiError("payload_too_large");
    }
    chunks.push(value);
  }
  if (size === 0) return undefined;
  // Only now: whether there is a body at all is known from its bytes, not from the headers.
  const contentType = req.headers.get("content-type");
  if (!isJsonMediaType(contentType)) {
    const got = contentType ? `Content-Type: ${contentType.split(";", 1)[0].trim().slice(0, 100)}` : "no Content-Type";
    throw new ApiError("unsupported_media_type", `${errorTable.unsupported_media_type.message} This request has ${got}.`);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json");
  }
}
