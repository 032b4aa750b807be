// A TCP proxy in front of PostgreSQL that counts the statements clients send, read off the wire
// protocol itself — so a "statements per create" figure comes from what reached the server, not
// from the code under test counting itself. A statement is a simple Query ('Q', which may hold
// several commands: counted by its semicolon-separated parts) or an extended-protocol Execute ('E').
// SSL is not spoken (tests connect without it).
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface WireCounter {
  url: string;
  /** Statement texts seen since the last reset, in order. */
  statements: () => string[];
  reset: () => void;
  close: () => Promise<void>;
}

export async function startWireCounter(databaseUrl: string): Promise<WireCounter> {
  const target = new URL(databaseUrl);
  let seen: string[] = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    // The statement each prepared name / unnamed Parse stands for, per connection, for Execute.
    const parsed = new Map<string, string>();
    const portals = new Map<string, string>();
    let buf = Buffer.alloc(0);
    let started = false;
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (!started) {
          // Startup message: int32 length, no type byte.
          if (buf.length < 4) break;
          const len = buf.readInt32BE(0);
          if (buf.length < len) break;
          buf = buf.subarray(len);
          started = true;
          continue;
        }
        if (buf.length < 5) break;
        const type = String.fromCharCode(buf[0]);
        const len = buf.readInt32BE(1);
        if (buf.length < 1 + len) break;
        const body = buf.subarray(5, 1 + len);
        buf = buf.subarray(1 + len);
        const cstr = (b: Buffer, at: number) => {
          const end = b.indexOf(0, at);
          return { text: b.toString("utf8", at, end), next: end + 1 };
        };
        if (type === "Q") {
          const text = cstr(body, 0).text;
          for (const part of text.split(";").map((p) => p.trim()).filter(Boolean)) seen.push(part);
        } else if (type === "P") {
          const name = cstr(body, 0);
          parsed.set(name.text, cstr(body, name.next).text);
        } else if (type === "B") {
          const portal = cstr(body, 0);
          const statement = cstr(body, portal.next);
          portals.set(portal.text, parsed.get(statement.text) ?? "?");
        } else if (type === "E") {
          seen.push(portals.get(cstr(body, 0).text) ?? "?");
        }
      }
    });
    upstream.on("data", (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    statements: () => [...seen],
    reset: () => void (seen = []),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
