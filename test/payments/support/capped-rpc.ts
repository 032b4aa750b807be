// A JSON-RPC front for a real chain that refuses eth_getLogs over more than `maxBlocks` blocks, as
// hosted providers do ("block range too large"), and passes everything else through unchanged.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

type RpcCall = { id?: unknown; method?: string; params?: unknown[] };

export async function startCappedRpc(upstream: string, maxBlocks: number) {
  const refused: { from: bigint; to: bigint }[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const calls = ([] as RpcCall[]).concat(JSON.parse(body));
    for (const call of calls) {
      const filter = call.method === "eth_getLogs" ? (call.params?.[0] as { fromBlock?: string; toBlock?: string } | undefined) : undefined;
      if (filter?.fromBlock && filter.toBlock && BigInt(filter.toBlock) - BigInt(filter.fromBlock) + 1n > BigInt(maxBlocks)) {
        refused.push({ from: BigInt(filter.fromBlock), to: BigInt(filter.toBlock) });
        const error = { jsonrpc: "2.0", id: call.id, error: { code: -32602, message: `block range too large: at most ${maxBlocks} blocks` } };
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(Array.isArray(JSON.parse(body)) ? [error] : error));
        return;
      }
    }
    const up = await fetch(upstream, { method: "POST", headers: { "content-type": "application/json" }, body });
    res.writeHead(up.status, { "content-type": "application/json" }).end(await up.text());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refused,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
