// A real SMTP server on loopback (the smtp-server library) as the receiving end of JoPay's email:
// plain SMTP, no TLS, any login accepted and remembered. Messages are decoded just enough for tests
// (headers, and a quoted-printable or base64 text body).
import { resetConfigForTests } from "@/lib/config";
import { createServer } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  rcptTo: string[];
  mailFrom: string;
  /** The login the client used, if any. */
  username: string | null;
  headers: Record<string, string>;
  subject: string;
  text: string;
  /** The text/html part of a multipart/alternative message; null for a plain-text one. */
  html: string | null;
  raw: string;
}

export interface SmtpSinkOptions {
  /** Refuse RCPT TO for some addresses with this reply code (e.g. 550 unknown mailbox, 451 try later). */
  rejectRcpt?: (address: string) => number | null;
}

export interface SmtpSink {
  port: number;
  /** smtp:// URL of this sink, with credentials when given. */
  url: (credentials?: { user: string; pass: string }) => string;
  received: ReceivedMail[];
  waitFor: (predicate: (all: ReceivedMail[]) => boolean, timeoutMs?: number) => Promise<ReceivedMail[]>;
  close: () => Promise<void>;
}

export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? "anonymous" });
    },
    onRcptTo(address, _session, callback) {
      const code = opts.rejectRcpt?.(address.address) ?? null;
      if (code === null) return callback();
      callback(Object.assign(new Error(code >= 500 ? "mailbox unavailable" : "try again later"), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const user = session.user as string | undefined;
        received.push({
          rcptTo: session.envelope.rcptTo.map((a) => a.address),
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          username: user ?? null,
          ...parse(raw),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: (c) => (c ? `smtp://${encodeURIComponent(c.user)}:${encodeURIComponent(c.pass)}@127.0.0.1:${port}` : `smtp://127.0.0.1:${port}`),
    received,
    waitFor: async (predicate, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`smtp sink: condition not met within ${timeoutMs} ms (${received.length} received)`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port with nothing listening (bound, then released). */
export async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

function parse(raw: string) {
  const { headers, body } = entity(raw);
  const boundary = /^multipart\/[^;]*;.*boundary="?([^";]+)"?/i.exec(headers["content-type"] ?? "")?.[1];
  let text = decodeBody(headers, body);
  let html: string | null = null;
  if (boundary) {
    // multipart/alternative: the parts between the boundary lines (the preamble and the closing "--" dropped).
    const parts = body.split(`--${boundary}`).slice(1, -1).map((p) => entity(p.replace(/^\r\n/, "")));
    const plain = parts.find((p) => /^text\/plain/i.test(p.headers["content-type"] ?? ""));
    const rich = parts.find((p) => /^text\/html/i.test(p.headers["content-type"] ?? ""));
    text = plain ? decodeBody(plain.headers, plain.body) : "";
    html = rich ? decodeBody(rich.headers, rich.body) : null;
  }
  return { headers, subject: decodeSubject(headers.subject ?? ""), text, html };
}

function entity(raw: string) {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body };
}

function decodeBody(headers: Record<string, string>, body: string) {
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  const text =
    encoding === "quoted-printable"
      ? Buffer.from(body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8")
      : encoding === "base64"
        ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
        : body;
  return text.replace(/\r\n/g, "\n").replace(/\n$/, "");
}

/** RFC 2047 encoded words (a subject with non-ASCII letters): "=?UTF-8?Q?Recibo_de?=" → "Recibo de". */
function decodeSubject(s: string) {
  return s.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_m, kind: string, data: string) =>
    kind.toLowerCase() === "b"
      ? Buffer.from(data, "base64").toString("utf8")
      : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
  );
}

const smtpAtStart = process.env.SMTP_URL;

/** Points the app's configuration at `url` (undefined: no SMTP configured). */
export function setSmtp(url: string | undefined) {
  if (url === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = url;
  resetConfigForTests();
}

/** Puts back the SMTP setting the test file started with (use in afterEach). */
export const restoreSmtp = () => setSmtp(smtpAtStart);
