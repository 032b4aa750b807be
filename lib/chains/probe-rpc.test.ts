// Pure tests of the reasons readiness shows (no network): they name what failed, never the URL.
import { HttpRequestError, RpcRequestError, TimeoutError } from "viem";
import { describe, expect, it } from "vitest";
import { failureReason } from "./probe-rpc";

const URL_WITH_KEY = "https://base-mainnet.example/v2/SECRET-PROVIDER-KEY";
const refused = Object.assign(new Error("connect ECONNREFUSED 10.0.0.7:8545"), { code: "ECONNREFUSED" });

describe("failureReason", () => {
  it.each([
    ["a timeout", new TimeoutError({ body: {}, url: URL_WITH_KEY }), "no answer within 2000 ms"],
    ["an HTTP status", new HttpRequestError({ url: URL_WITH_KEY, status: 429, body: {} }), "the RPC answered HTTP 429"],
    ["a refused connection", new HttpRequestError({ url: URL_WITH_KEY, cause: new TypeError("fetch failed", { cause: refused }) }), "cannot reach the RPC (ECONNREFUSED)"],
    ["a cut connection", new HttpRequestError({ url: URL_WITH_KEY, cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) }), "the RPC closed the connection"],
    ["a JSON-RPC error", new RpcRequestError({ body: {}, url: URL_WITH_KEY, error: { code: -32005, message: "limit exceeded" } }), "the RPC answered JSON-RPC error -32005"],
    ["anything else", new Error(`boom at ${URL_WITH_KEY}`), "the RPC did not answer eth_chainId / eth_blockNumber"],
  ])("%s", (_name, err, reason) => {
    expect(failureReason(err, 2000)).toBe(reason);
    expect(failureReason(err, 2000)).not.toMatch(/SECRET|example|10\.0\.0\.7/);
  });
});
