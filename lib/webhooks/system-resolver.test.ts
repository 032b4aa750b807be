// The resolver deliveries use, against name servers on this machine: a small real DNS server (UDP,
// A and AAAA from a table) and one that never answers. The point of c-ares over dns.lookup: a dead
// name server costs a bounded wait and holds none of libuv's four pool threads, so file and crypto
// work (and other hosts' lookups) go on meanwhile.
import { createSocket, type Socket } from "node:dgram";
import { pbkdf2 } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSystemResolver } from "./url-guard";

const TABLE: Record<string, { A?: string[]; AAAA?: string[] }> = {
  "hooks.partner.example": { A: ["93.184.216.34", "93.184.216.35"], AAAA: ["2606:2800:220:1::248"] },
  "v4only.partner.example": { A: ["203.0.114.9"] },
};

function answer(query: Buffer): Buffer {
  let i = 12;
  const labels: string[] = [];
  while (query[i] !== 0) {
    labels.push(query.subarray(i + 1, i + 1 + query[i]).toString("ascii"));
    i += query[i] + 1;
  }
  const qtype = query.readUInt16BE(i + 1);
  const question = query.subarray(12, i + 5);
  const entry = TABLE[labels.join(".").toLowerCase()];
  const rdatas = !entry ? [] : qtype === 1 ? (entry.A ?? []).map((a) => Buffer.from(a.split(".").map(Number))) : qtype === 28 ? (entry.AAAA ?? []).map(v6) : [];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  header.writeUInt16BE(entry ? 0x8180 : 0x8183, 2); // response, recursion; NXDOMAIN for unknown names
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(rdatas.length, 6);
  const answers = rdatas.map((rdata) => {
    const rr = Buffer.alloc(12 + rdata.length);
    rr.writeUInt16BE(0xc00c, 0); // the question's name
    rr.writeUInt16BE(qtype, 2);
    rr.writeUInt16BE(1, 4);
    rr.writeUInt32BE(60, 6);
    rr.writeUInt16BE(rdata.length, 10);
    rdata.copy(rr, 12);
    return rr;
  });
  return Buffer.concat([header, question, ...answers]);
}

function v6(address: string): Buffer {
  const [head, tail = ""] = address.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  const b = Buffer.alloc(16);
  groups.forEach((g, k) => b.writeUInt16BE(parseInt(g, 16), k * 2));
  return b;
}

async function udp(onMessage: (socket: Socket, msg: Buffer, from: { address: string; port: number }) => void) {
  const socket = createSocket("udp4");
  socket.on("message", (msg, from) => onMessage(socket, msg, from));
  await new Promise<void>((r) => socket.bind(0, "127.0.0.1", r));
  return { socket, server: `127.0.0.1:${(socket.address() as AddressInfo).port}` };
}

let good: Awaited<ReturnType<typeof udp>>;
let dead: Awaited<ReturnType<typeof udp>>;
let deadQueries = 0;

beforeAll(async () => {
  good = await udp((socket, msg, from) => socket.send(answer(msg), from.port, from.address));
  dead = await udp(() => void deadQueries++);
});
afterAll(() => {
  good?.socket.close();
  dead?.socket.close();
});

describe("the delivery resolver (c-ares)", () => {
  it("returns every A and AAAA address of a host from the configured name server", async () => {
    const resolve = createSystemResolver({ servers: [good.server] });
    expect(await resolve("hooks.partner.example")).toEqual([
      { address: "93.184.216.34", family: 4 },
      { address: "93.184.216.35", family: 4 },
      { address: "2606:2800:220:1::248", family: 6 },
    ]);
    expect(await resolve("V4ONLY.partner.example.")).toEqual([{ address: "203.0.114.9", family: 4 }]);
    await expect(resolve("missing.partner.example")).rejects.toMatchObject({ code: "ENOTFOUND" });
  });

  it("answers localhost names itself (c-ares does not read /etc/hosts)", async () => {
    const resolve = createSystemResolver({ servers: [dead.server] });
    expect(await resolve("localhost")).toEqual([{ address: "127.0.0.1", family: 4 }, { address: "::1", family: 6 }]);
    expect((await resolve("hooks.localhost")).map((a) => a.address)).toContain("127.0.0.1");
  });

  it("gives up on a silent name server within its bound, holding no pool thread meanwhile", async () => {
    const resolve = createSystemResolver({ servers: [dead.server], timeoutMs: 300, tries: 1 });
    const order: string[] = [];
    // More hanging lookups than libuv has pool threads; getaddrinfo would queue pool work behind them.
    const hanging = Array.from({ length: 8 }, (_, k) =>
      resolve(`slow-${k}.partner.example`).then(
        () => "resolved",
        (e: { code?: string }) => (order.push("lookup"), e.code),
      ),
    );
    await new Promise<void>((done) => pbkdf2("pw", "salt", 1, 32, "sha256", () => (order.push("pool"), done())));
    const outcomes = await Promise.all(hanging); // each gives up: a bounded wait, not a hang
    expect(order[0]).toBe("pool"); // the pool work finished while every lookup was still waiting
    expect(outcomes.every((o) => o === "ETIMEOUT")).toBe(true);
    expect(deadQueries).toBeGreaterThanOrEqual(8);
  });
});
