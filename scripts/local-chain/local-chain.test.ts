// Integration tests for the local chain tooling: real anvil, real solc output, no DB.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createWalletClient,
  erc20Abi,
  getAddress,
  http,
  parseEventLogs,
  parseUnits,
  type Abi,
  type AbiFunction,
  type Address,
  type Hash,
  type WalletClient,
} from "viem";
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
    const anvil = await startAnvil({ blockTime: 0.2 });
    try {
      await new Promise((r) => setTimeout(r, 700));
      expect(Number(await rpc<string>(anvil.rpcUrl, "eth_blockNumber", []))).toBeGreaterThanOrEqual(2);
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
