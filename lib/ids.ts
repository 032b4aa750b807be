// Ids: UUIDv7 (time-ordered, RFC 9562) generated in the app for index locality; events `evt_…`.
import { randomBytes } from "node:crypto";

let lastMs = 0;
let seq = 0;

// Random bytes drawn 4 KiB at a time (as crypto.randomUUID does): one randomBytes call per id cost
// ~40 µs here (a getrandom syscall), and every API request makes two ids.
let pool = Buffer.alloc(0);
let offset = 0;
function randomInto(target: Buffer, n: number) {
  if (offset + n > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  pool.copy(target, 0, offset, offset + n);
  offset += n;
}
const seqBytes = Buffer.alloc(2);

/** RFC 9562 UUIDv7; monotonic within this process (12-bit counter in rand_a). */
export function uuidv7(now = Date.now()): string {
  if (now <= lastMs) {
    seq = (seq + 1) & 0xfff;
    if (seq === 0) lastMs++; // counter overflow: borrow the next millisecond
    now = lastMs;
  } else {
    lastMs = now;
    randomInto(seqBytes, 2);
    seq = seqBytes.readUInt16BE() & 0x7ff; // leave headroom for increments
  }
  const b = Buffer.allocUnsafe(16);
  randomInto(b, 16);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function eventId(): string {
  return `evt_${uuidv7().replaceAll("-", "")}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
