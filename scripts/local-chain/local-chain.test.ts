// Integration tests for the local chain tooling: real anvil, real solc output, no DB.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createWalletClient,
  domainSeparator,
  erc20Abi,
  getAddress,
  http,
  keccak256,
  parseEventLogs,
  parseUnits,
  stringToHex,
  type Abi,
  type AbiFunction,
  type Address,
  type Hash,
  type Hex,
  type WalletClient,
} from "viem";
import {
  receiveAuthorizationTypedData,
  splitSignature,
  transferAuthorizationTypedData,
  type TokenDomain,
  type TransferAuthorization,
} from "@/lib/payments/eip3009";
import { AUTHORIZATION_USED_TOPIC, paymentNonce } from "../../lib/payments/payment-reference";
import { publicClientFor, viemChainFor } from "../../lib/chains/clients";
import { chainSettings, type ChainSettings } from "../../lib/chains/config";
import { ANVIL_CHAIN_ID, ANVIL_DEFAULT_ACCOUNTS, rpc, startAnvil } from "./anvil";
import { compileContracts, compileStats, DEFAULT_CONTRACTS_DIR } from "./compile";
import {
  DEFAULT_FUND_MICRO,
  deployContract,
  mintUsdc,
  startLocalChain,
  stateRecordPath,
  testForwarderAbi,
  testUsdcAbi,
  type LocalChain,
} from "./deploy";

const CHAIN_TIMEOUT = 30_000;
const usdc = (amount: string): bigint => parseUnits(amount, 6);

function tmpDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `jopay-${prefix}-`));
}

function clientsFor(chain: { rpcUrl: string; usdcAddress: Address }) {
  const settings: ChainSettings = chainSettings({
    chainId: ANVIL_CHAIN_ID,
    rpcUrl: chain.rpcUrl,
    usdcAddress: chain.usdcAddress,
  });
  const publicClient = publicClientFor(settings);
  const walletClient: WalletClient = createWalletClient({
    chain: viemChainFor(settings),
    transport: http(chain.rpcUrl),
    cacheTime: 0,
  });
  return { publicClient, walletClient };
}

/** Resolves true when we can bind the port, i.e. nothing listens on it any more. */
function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ host: "127.0.0.1", port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

describe("startLocalChain", () => {
  let chain: LocalChain;
  let pc: ReturnType<typeof clientsFor>["publicClient"];
  let wc: WalletClient;
  let forwarder: Address;
  const [acct0, acct1, acct2, , , acct5, acct6, acct7, acct8] = ANVIL_DEFAULT_ACCOUNTS;

  const balanceOf = (who: Address) =>
    pc.readContract({ address: chain.usdcAddress, abi: erc20Abi, functionName: "balanceOf", args: [who] });

  async function receiptOf(hash: Hash) {
    return pc.waitForTransactionReceipt({ hash });
  }

  beforeAll(async () => {
    chain = await startLocalChain();
    ({ publicClient: pc, walletClient: wc } = clientsFor(chain));
    forwarder = await deployContract(chain.rpcUrl, "TestForwarder");
  }, CHAIN_TIMEOUT);

  afterAll(async () => {
    await chain?.stop();
  });

  it("runs chain 31337 with anvil's default accounts and a lowercase USDC address", async () => {
    expect(chain.chainId).toBe(31337);
    expect(await pc.getChainId()).toBe(31337);
    expect(chain.accounts).toEqual(ANVIL_DEFAULT_ACCOUNTS);
    expect(chain.usdcAddress).toMatch(/^0x[0-9a-f]{40}$/);
    expect(forwarder).toMatch(/^0x[0-9a-f]{40}$/);
  });

  it("deploys a 6-decimal token called USDC", async () => {
    const read = <F extends "decimals" | "symbol" | "name">(functionName: F) =>
      pc.readContract({ address: chain.usdcAddress, abi: erc20Abi, functionName });
    expect(await read("decimals")).toBe(6);
    expect(await read("symbol")).toBe("USDC");
    expect(await read("name")).toBe("Test USD Coin");
  });

  it("funds accounts 0..4 with 1,000,000 USDC and nobody else", async () => {
    expect(DEFAULT_FUND_MICRO).toBe(usdc("1000000"));
    for (const who of ANVIL_DEFAULT_ACCOUNTS.slice(0, 5)) expect(await balanceOf(who)).toBe(DEFAULT_FUND_MICRO);
    expect(await balanceOf(acct5)).toBe(0n);
  });

  it("mintUsdc mints the exact amount", async () => {
    const before = await balanceOf(acct8);
    await mintUsdc(chain.rpcUrl, chain.usdcAddress, acct8, usdc("0.000001"));
    expect(await balanceOf(acct8)).toBe(before + usdc("0.000001"));
  });

  it("a direct transfer emits one Transfer log with the exact amount", async () => {
    const amount = usdc("12.345678");
    const hash = await wc.writeContract({
      address: chain.usdcAddress,
      abi: erc20Abi,
      functionName: "transfer",
      args: [acct6, amount],
      account: acct1,
      chain: undefined,
    });
    const receipt = await receiptOf(hash);
    expect(receipt.status).toBe("success");
    const logs = parseEventLogs({ abi: erc20Abi, logs: receipt.logs, eventName: "Transfer" });
    expect(logs).toHaveLength(1);
    expect(logs[0].address).toBe(chain.usdcAddress);
    expect(logs[0].args).toEqual({ from: getAddress(acct1), to: getAddress(acct6), value: amount });
    expect(await balanceOf(acct6)).toBe(amount);
  });

  describe("payments through TestForwarder", () => {
    beforeAll(async () => {
      const hash = await wc.writeContract({
        address: chain.usdcAddress,
        abi: erc20Abi,
        functionName: "approve",
        args: [forwarder, usdc("1000")],
        account: acct2,
        chain: undefined,
      });
      expect((await receiptOf(hash)).status).toBe("success");
    });

    it("forward(): tx goes to the forwarder, the token logs payer -> recipient", async () => {
      const amount = usdc("25");
      const hash = await wc.writeContract({
        address: forwarder,
        abi: testForwarderAbi,
        functionName: "forward",
        args: [chain.usdcAddress, acct7, amount],
        account: acct2,
        chain: undefined,
      });
      const receipt = await receiptOf(hash);
      expect(receipt.status).toBe("success");
      expect(receipt.to).toBe(forwarder);
      const logs = parseEventLogs({ abi: erc20Abi, logs: receipt.logs, eventName: "Transfer" });
      expect(logs).toHaveLength(1);
      expect(logs[0].address).toBe(chain.usdcAddress);
      expect(logs[0].args).toEqual({ from: getAddress(acct2), to: getAddress(acct7), value: amount });
      // The allowance was decremented by exactly the payment.
      const allowance = await pc.readContract({
        address: chain.usdcAddress,
        abi: erc20Abi,
        functionName: "allowance",
        args: [acct2, forwarder],
      });
      expect(allowance).toBe(usdc("975"));
    });

    it("splitPay(): two Transfer logs to the same recipient in one tx", async () => {
      const before = await balanceOf(acct7);
      const hash = await wc.writeContract({
        address: forwarder,
        abi: testForwarderAbi,
        functionName: "splitPay",
        args: [chain.usdcAddress, acct7, usdc("1.5"), usdc("2.25")],
        account: acct2,
        chain: undefined,
      });
      const receipt = await receiptOf(hash);
      const logs = parseEventLogs({ abi: erc20Abi, logs: receipt.logs, eventName: "Transfer" });
      expect(logs.map((l) => [l.address, l.args.to, l.args.value])).toEqual([
        [chain.usdcAddress, getAddress(acct7), usdc("1.5")],
        [chain.usdcAddress, getAddress(acct7), usdc("2.25")],
      ]);
      expect(await balanceOf(acct7)).toBe(before + usdc("3.75"));
    });

    it("forwardAndRevert(): mined with status reverted, no logs, no balance change", async () => {
      const before = await balanceOf(acct7);
      const hash = await wc.writeContract({
        address: forwarder,
        abi: testForwarderAbi,
        functionName: "forwardAndRevert",
        args: [chain.usdcAddress, acct7, usdc("5")],
        account: acct2,
        chain: undefined,
        gas: 200_000n, // explicit gas: estimation would refuse a reverting call
      });
      const receipt = await receiptOf(hash);
      expect(receipt.status).toBe("reverted");
      expect(receipt.logs).toHaveLength(0);
      expect(await balanceOf(acct7)).toBe(before);
    });

    it("emitFakeTransfer(): a Transfer-shaped log from the wrong address, no tokens moved", async () => {
      const before = await balanceOf(acct7);
      const hash = await wc.writeContract({
        address: forwarder,
        abi: testForwarderAbi,
        functionName: "emitFakeTransfer",
        args: [acct0, acct7, usdc("999")],
        account: acct5,
        chain: undefined,
      });
      const receipt = await receiptOf(hash);
      const logs = parseEventLogs({ abi: erc20Abi, logs: receipt.logs, eventName: "Transfer" });
      expect(logs).toHaveLength(1);
      expect(logs[0].address).toBe(forwarder);
      expect(logs[0].args.value).toBe(usdc("999"));
      expect(await balanceOf(acct7)).toBe(before);
    });
  });
  // EIP-3009 exactly as USDC (FiatTokenV2_2) has it: what the pay page's wallet flow relies on.
  // Signatures come from anvil's unlocked accounts (eth_signTypedData_v4), as a wallet's would.
  describe("EIP-3009", () => {
    const authorizer = acct0;
    let domain: TokenDomain;
    const auth = async (o: Partial<TransferAuthorization> = {}): Promise<TransferAuthorization> => ({
      from: getAddress(authorizer),
      to: getAddress(acct7),
      value: usdc("10.5"),
      validAfter: 0n,
      validBefore: (await pc.getBlock()).timestamp + 3600n,
      nonce: paymentNonce(randomUUID()),
      ...o,
    });
    const sign = (m: TransferAuthorization, signer: Address = authorizer) =>
      wc.signTypedData({ account: signer, ...transferAuthorizationTypedData(domain, m) });
    const args = (m: TransferAuthorization, sig: Hex) => {
      const { v, r, s } = splitSignature(sig)!;
      return [m.from, m.to, m.value, m.validAfter, m.validBefore, m.nonce, v, r, s] as const;
    };
    const submit = async (m: TransferAuthorization, sig: Hex, sender: Address = acct5) =>
      receiptOf(await wc.writeContract({ address: chain.usdcAddress, abi: testUsdcAbi, functionName: "transferWithAuthorization", args: args(m, sig), account: sender, chain: undefined }));
    /** Runs the call without mining it; resolves to the revert reason. */
    const revertOf = (call: () => Promise<unknown>) =>
      call().then(
        () => "did not revert",
        (err: Error) => /reverted with the following reason:\s*(.+)/.exec(err.message)?.[1]?.trim() ?? err.message,
      );
    const simulate = (functionName: "transferWithAuthorization" | "receiveWithAuthorization", a: readonly unknown[], sender: Address = acct5) =>
      revertOf(() => pc.simulateContract({ address: chain.usdcAddress, abi: testUsdcAbi, functionName, args: a as never, account: sender }));
    const used = (who: Address, nonce: Hex) =>
      pc.readContract({ address: chain.usdcAddress, abi: testUsdcAbi, functionName: "authorizationState", args: [who, nonce] });

    beforeAll(async () => {
      const read = <F extends "name" | "version">(functionName: F) => pc.readContract({ address: chain.usdcAddress, abi: testUsdcAbi, functionName });
      domain = { name: await read("name"), version: await read("version"), chainId: chain.chainId, verifyingContract: getAddress(chain.usdcAddress) };
    });

    it("has FiatToken's domain (name, version \"2\", chain id, token address) and typehashes", async () => {
      expect(domain.version).toBe("2");
      const onChain = await pc.readContract({ address: chain.usdcAddress, abi: testUsdcAbi, functionName: "DOMAIN_SEPARATOR" });
      expect(onChain).toBe(domainSeparator({ domain }));
      const typehash = (f: "TRANSFER_WITH_AUTHORIZATION_TYPEHASH" | "RECEIVE_WITH_AUTHORIZATION_TYPEHASH" | "CANCEL_AUTHORIZATION_TYPEHASH") =>
        pc.readContract({ address: chain.usdcAddress, abi: testUsdcAbi, functionName: f });
      // The values in Circle's EIP3009.sol.
      expect(await typehash("TRANSFER_WITH_AUTHORIZATION_TYPEHASH")).toBe("0x7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a2267");
      expect(await typehash("RECEIVE_WITH_AUTHORIZATION_TYPEHASH")).toBe("0xd099cc98ef71107a616c4f0f941f04c322d8e254fe26b3c6668db87aae413de8");
      expect(await typehash("CANCEL_AUTHORIZATION_TYPEHASH")).toBe(keccak256(stringToHex("CancelAuthorization(address authorizer,bytes32 nonce)")));
      expect(AUTHORIZATION_USED_TOPIC).toBe(keccak256(stringToHex("AuthorizationUsed(address,bytes32)")));
    });

    it("a signed authorization, sent by anyone, moves the exact value and logs AuthorizationUsed then Transfer", async () => {
      const m = await auth();
      const before = await balanceOf(acct7);
      expect(await used(authorizer, m.nonce)).toBe(false);
      const receipt = await submit(m, await sign(m));
      expect(receipt.status).toBe("success");
      expect(receipt.logs.map((l) => [l.address, l.topics[0]])).toEqual([
        [chain.usdcAddress, AUTHORIZATION_USED_TOPIC],
        [chain.usdcAddress, "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"],
      ]);
      const logs = parseEventLogs({ abi: testUsdcAbi, logs: receipt.logs });
      expect(logs.map((l) => [l.eventName, l.args])).toEqual([
        ["AuthorizationUsed", { authorizer: getAddress(authorizer), nonce: m.nonce }],
        ["Transfer", { from: getAddress(authorizer), to: getAddress(acct7), value: m.value }],
      ]);
      expect(await balanceOf(acct7)).toBe(before + m.value);
      expect(await used(authorizer, m.nonce)).toBe(true);
    });

    it("the `bytes signature` form pays the same; the authorizer may submit it itself", async () => {
      const m = await auth({ value: usdc("0.000001") });
      const signature = await sign(m);
      const hash = await wc.writeContract({
        address: chain.usdcAddress,
        abi: testUsdcAbi,
        functionName: "transferWithAuthorization",
        args: [m.from, m.to, m.value, m.validAfter, m.validBefore, m.nonce, signature],
        account: authorizer,
        chain: undefined,
      });
      const logs = parseEventLogs({ abi: testUsdcAbi, logs: (await receiptOf(hash)).logs });
      expect(logs.map((l) => l.eventName)).toEqual(["AuthorizationUsed", "Transfer"]);
    });

    it("the same authorization replayed reverts", async () => {
      const m = await auth();
      const sig = await sign(m);
      await submit(m, sig);
      expect(await simulate("transferWithAuthorization", args(m, sig))).toBe("TestUSDC: authorization is used or canceled");
      // Even with a different amount or recipient: the nonce is spent for this authorizer.
      const again = { ...m, value: 1n };
      expect(await simulate("transferWithAuthorization", args(again, await sign(again)))).toBe("TestUSDC: authorization is used or canceled");
    });

    it("an expired or not yet valid authorization reverts", async () => {
      const now = (await pc.getBlock()).timestamp;
      const expired = await auth({ validBefore: now });
      expect(await simulate("transferWithAuthorization", args(expired, await sign(expired)))).toBe("TestUSDC: authorization is expired");
      const early = await auth({ validAfter: now + 3600n, validBefore: now + 7200n });
      expect(await simulate("transferWithAuthorization", args(early, await sign(early)))).toBe("TestUSDC: authorization is not yet valid");
    });

    it("a signature by someone else, or over other terms, reverts", async () => {
      const m = await auth();
      expect(await simulate("transferWithAuthorization", args(m, await sign(m, acct1)))).toBe("TestUSDC: invalid signature");
      const sig = await sign(m);
      expect(await simulate("transferWithAuthorization", args({ ...m, value: m.value + 1n }, sig))).toBe("TestUSDC: invalid signature");
      expect(await simulate("transferWithAuthorization", args({ ...m, to: getAddress(acct8) }, sig))).toBe("TestUSDC: invalid signature");
      // A TransferWithAuthorization signature is not a ReceiveWithAuthorization one (other typehash).
      expect(await simulate("receiveWithAuthorization", args(m, sig), acct7)).toBe("TestUSDC: invalid signature");
      expect(await used(authorizer, m.nonce)).toBe(false);
    });

    it("rejects the malleable high-s twin and a v other than 27/28, like USDC's ECRecover", async () => {
      const m = await auth();
      const { v, r, s } = splitSignature(await sign(m))!;
      const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
      const highS = `0x${(n - BigInt(s)).toString(16).padStart(64, "0")}` as Hex;
      const base = [m.from, m.to, m.value, m.validAfter, m.validBefore, m.nonce] as const;
      expect(await simulate("transferWithAuthorization", [...base, v === 27 ? 28 : 27, r, highS])).toBe("TestUSDC: invalid signature 's' value");
      expect(await simulate("transferWithAuthorization", [...base, v - 27, r, s])).toBe("TestUSDC: invalid signature 'v' value");
      expect(await simulate("transferWithAuthorization", [...base, `0x${r.slice(2)}${s.slice(2)}` as Hex])).toBe("TestUSDC: invalid signature length");
      // The genuine signature still pays: nothing above used the nonce up.
      expect((await submit(m, `0x${r.slice(2)}${s.slice(2)}${v.toString(16)}`)).status).toBe("success");
    });

    it("splitSignature hands the token the low-s form of a high-s signature", async () => {
      const m = await auth({ value: 1n });
      const { v, r, s } = splitSignature(await sign(m))!;
      const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
      const twin = `0x${r.slice(2)}${(n - BigInt(s)).toString(16).padStart(64, "0")}${(v === 27 ? 28 : 27).toString(16)}` as Hex;
      expect(splitSignature(twin)).toEqual({ v, r, s });
      expect((await submit(m, twin)).status).toBe("success");
    });

    it("a cancelled nonce can no longer be used, and a used one cannot be cancelled", async () => {
      const m = await auth();
      const cancelSig = await wc.signTypedData({
        account: authorizer,
        domain,
        types: { CancelAuthorization: [{ name: "authorizer", type: "address" }, { name: "nonce", type: "bytes32" }] },
        primaryType: "CancelAuthorization",
        message: { authorizer: getAddress(authorizer), nonce: m.nonce },
      });
      const { v, r, s } = splitSignature(cancelSig)!;
      const receipt = await receiptOf(
        await wc.writeContract({ address: chain.usdcAddress, abi: testUsdcAbi, functionName: "cancelAuthorization", args: [m.from, m.nonce, v, r, s], account: acct5, chain: undefined }),
      );
      expect(parseEventLogs({ abi: testUsdcAbi, logs: receipt.logs }).map((l) => [l.eventName, l.args])).toEqual([
        ["AuthorizationCanceled", { authorizer: getAddress(authorizer), nonce: m.nonce }],
      ]);
      expect(await used(authorizer, m.nonce)).toBe(true);
      expect(await simulate("transferWithAuthorization", args(m, await sign(m)))).toBe("TestUSDC: authorization is used or canceled");
      const cancelAgain = await revertOf(() =>
        pc.simulateContract({ address: chain.usdcAddress, abi: testUsdcAbi, functionName: "cancelAuthorization", args: [m.from, m.nonce, cancelSig], account: acct5 }),
      );
      expect(cancelAgain).toBe("TestUSDC: authorization is used or canceled");
    });

    it("receiveWithAuthorization pays only when the payee itself submits it", async () => {
      const m = await auth({ to: getAddress(acct6) });
      const sig = await wc.signTypedData({ account: authorizer, ...receiveAuthorizationTypedData(domain, m) });
      expect(await simulate("receiveWithAuthorization", args(m, sig), acct5)).toBe("TestUSDC: caller must be the payee");
      expect(await simulate("receiveWithAuthorization", [m.from, m.to, m.value, m.validAfter, m.validBefore, m.nonce, sig], acct5)).toBe(
        "TestUSDC: caller must be the payee",
      );
      const hash = await wc.writeContract({ address: chain.usdcAddress, abi: testUsdcAbi, functionName: "receiveWithAuthorization", args: args(m, sig), account: acct6, chain: undefined });
      const logs = parseEventLogs({ abi: testUsdcAbi, logs: (await receiptOf(hash)).logs });
      expect(logs.map((l) => [l.eventName, l.args])).toEqual([
        ["AuthorizationUsed", { authorizer: getAddress(authorizer), nonce: m.nonce }],
        ["Transfer", { from: getAddress(authorizer), to: getAddress(acct6), value: m.value }],
      ]);
    });
  });
});

describe("compileContracts", () => {
  it("caches by content: the second call returns identical artifacts without running solc", async () => {
    const cacheDir = tmpDir("solc-cache");
    try {
      const before = compileStats();
      const first = await compileContracts({ cacheDir });
      expect(compileStats().solcCompiles).toBe(before.solcCompiles + 1);
      expect(first.TestUSDC.bytecode).toMatch(/^0x[0-9a-f]+$/);

      const second = await compileContracts({ cacheDir });
      expect(compileStats().solcCompiles).toBe(before.solcCompiles + 1);
      expect(compileStats().cacheHits).toBe(before.cacheHits + 1);
      expect(second).toEqual(first);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, CHAIN_TIMEOUT);

  it("a source change is a cache miss", async () => {
    // Copy the real sources into a temp dir and append a comment to one of them.
    const dir = tmpDir("contracts");
    const cacheDir = tmpDir("solc-cache");
    try {
      cpSync(DEFAULT_CONTRACTS_DIR, dir, { recursive: true });
      await compileContracts({ contractsDir: dir, cacheDir });
      const before = compileStats().solcCompiles;
      appendFileSync(path.join(dir, "TestForwarder.sol"), "\n// changed\n");
      await compileContracts({ contractsDir: dir, cacheDir });
      expect(compileStats().solcCompiles).toBe(before + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, CHAIN_TIMEOUT);

  it("the typed ABIs in deploy.ts match solc's output", async () => {
    const compiled = await compileContracts();
    const signatures = (abi: Abi) =>
      new Set(
        abi
          .filter((item): item is AbiFunction => item.type === "function")
          .map((f) => `${f.name}(${f.inputs.map((i) => i.type).join(",")})->(${f.outputs.map((o) => o.type).join(",")})`),
      );
    const usdcSigs = signatures(compiled.TestUSDC.abi);
    for (const sig of signatures(testUsdcAbi)) expect(usdcSigs).toContain(sig);
    expect(signatures(compiled.TestForwarder.abi)).toEqual(signatures(testForwarderAbi));
  }, CHAIN_TIMEOUT);
});

describe("startAnvil", () => {
  it("stop() frees the port and is idempotent", async () => {
    const anvil = await startAnvil();
    expect(await canBind(anvil.port)).toBe(false);
    await anvil.stop();
    expect(await canBind(anvil.port)).toBe(true);
    await anvil.stop();
  }, CHAIN_TIMEOUT);

  it("fails clearly, with anvil's stderr, when the port is taken", async () => {
    const first = await startAnvil();
    try {
      await expect(startAnvil({ port: first.port })).rejects.toThrow(/anvil exited during startup.*in use/i);
    } finally {
      await first.stop();
    }
  }, CHAIN_TIMEOUT);

  it("anvil dies with its parent, even when the parent is SIGKILLed", async () => {
    const anvilModule = fileURLToPath(new URL("./anvil.ts", import.meta.url));
    const script = `import { startAnvil } from ${JSON.stringify(anvilModule)};
      const a = await startAnvil();
      console.log(JSON.stringify({ port: a.port }));
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const [line] = (await once(parent.stdout, "data")) as [Buffer];
      const { port } = JSON.parse(line.toString()) as { port: number };
      expect(await canBind(port)).toBe(false);
      parent.kill("SIGKILL");
      await once(parent, "exit");
      const deadline = Date.now() + 5_000;
      while (!(await canBind(port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await canBind(port)).toBe(true);
    } finally {
      parent.kill("SIGKILL");
    }
  }, CHAIN_TIMEOUT);

  it("blockTime mines on an interval instead of per transaction", async () => {
    const anvil = await startAnvil({ blockTime: 1 });
    try {
      // No transaction is sent: blocks appear only because of the interval. Waited for, not slept
      // for, so a slow machine only makes the wait longer; the timestamps show the interval.
      const blockNumber = async () => Number(await rpc<string>(anvil.rpcUrl, "eth_blockNumber", []));
      const deadline = Date.now() + 30_000;
      while ((await blockNumber()) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await blockNumber()).toBeGreaterThanOrEqual(2);
      const time = async (n: number) => Number((await rpc<{ timestamp: string }>(anvil.rpcUrl, "eth_getBlockByNumber", [`0x${n.toString(16)}`, false])).timestamp);
      expect((await time(2)) - (await time(1))).toBeGreaterThanOrEqual(1);
      const txs = await rpc<{ transactions: string[] }>(anvil.rpcUrl, "eth_getBlockByNumber", ["0x2", false]);
      expect(txs.transactions).toEqual([]);
    } finally {
      await anvil.stop();
    }
  }, CHAIN_TIMEOUT);
});

describe("stateFile persistence", () => {
  it("keeps contract code and balances across a restart, without redeploying", async () => {
    const dir = tmpDir("anvil-state");
    const stateFile = path.join(dir, "nested", "state.json");
    const [, , , acct3, , , , , , acct9] = ANVIL_DEFAULT_ACCOUNTS;
    try {
      const first = await startLocalChain({ stateFile });
      let blockAfterFirstRun: bigint;
      try {
        const { walletClient, publicClient } = clientsFor(first);
        const hash = await walletClient.writeContract({
          address: first.usdcAddress,
          abi: testUsdcAbi,
          functionName: "transfer",
          args: [acct9, usdc("42")],
          account: acct3,
          chain: undefined,
        });
        await publicClient.waitForTransactionReceipt({ hash });
        blockAfterFirstRun = await publicClient.getBlockNumber();
      } finally {
        await first.stop();
      }
      expect(existsSync(stateFile)).toBe(true);
      expect(existsSync(stateRecordPath(stateFile))).toBe(true);

      const second = await startLocalChain({ stateFile });
      try {
        const { publicClient } = clientsFor(second);
        expect(second.usdcAddress).toBe(first.usdcAddress);
        expect(await publicClient.getCode({ address: second.usdcAddress })).toMatch(/^0x[0-9a-f]{10,}$/);
        // No redeploy and no second round of minting: the chain did not advance on start.
        expect(await publicClient.getBlockNumber()).toBe(blockAfterFirstRun);
        const bal = (who: Address) =>
          publicClient.readContract({ address: second.usdcAddress, abi: erc20Abi, functionName: "balanceOf", args: [who] });
        expect(await bal(acct9)).toBe(usdc("42"));
        expect(await bal(acct3)).toBe(DEFAULT_FUND_MICRO - usdc("42"));
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, CHAIN_TIMEOUT);
});
