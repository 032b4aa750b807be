// Body size and JSON parsing, before any schema runs (SPEC §4: >64 KiB → 413, bad JSON → 400).
import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 64 * 1024;

export async function readJsonBody(req: Request): Promise<unknown> {
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
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json");
  }
}
