// Deploys the test contracts to a local anvil and funds accounts with test USDC.
//
// Transactions are sent from anvil's unlocked dev account 0 via eth_sendTransaction (viem
// "json-rpc account"), so no private key ever appears in our code.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  createPublicClient,
  createWalletClient,
  erc20Abi,
  getAddress,
  http,
  parseAbi,
  type Address,
  type Hash,
  type PublicClient,
  type WalletClient,
} from "viem";
import { eip3009Abi } from "../../lib/payments/eip3009";
import { ANVIL_DEFAULT_ACCOUNTS, startAnvil, type AnvilInstance, type StartAnvilOptions } from "./anvil";
import { compileContracts, type CompiledContracts, type ContractName } from "./compile";

/**
 * Typed ABIs for the test contracts, for callers that want viem's type inference (the compiled
 * ABI is typed as a plain `Abi`). local-chain.test.ts checks they match what solc produces.
 * TestUSDC's EIP-3009 part is the very ABI the pay page's wallet flow calls real USDC with.
 */
export const testUsdcAbi = [...erc20Abi, ...parseAbi(["function mint(address to, uint256 amount)"]), ...eip3009Abi] as const;
export const testForwarderAbi = parseAbi([
  "event Transfer(address indexed from, address indexed to, uint256 value)",
  "function forward(address token, address to, uint256 amount)",
  "function splitPay(address token, address to, uint256 a, uint256 b)",
  "function forwardAndRevert(address token, address to, uint256 amount)",
  "function emitFakeTransfer(address from, address to, uint256 amount)",
]);

/** 1,000,000 USDC in micro-units (6 decimals): what startLocalChain gives each funded account. */
export const DEFAULT_FUND_MICRO = 1_000_000_000_000n;
/** startLocalChain funds anvil accounts 0..FUNDED_ACCOUNTS-1. */
export const DEFAULT_FUNDED_ACCOUNTS = 5;

export interface DeployOptions {
  /** Sender; must be unlocked on the node. Default: anvil account 0. */
  from?: Address;
  /** Pre-compiled artifacts (skips even the cache lookup). */
  artifacts?: CompiledContracts;
}

interface LocalClients {
  publicClient: PublicClient;
  walletClient: WalletClient;
}

export function localClients(rpcUrl: string): LocalClients {
  // cacheTime 0: viem otherwise memoises block numbers for 4 s, which makes receipt waits on a
  // fast local chain needlessly slow. A short polling interval for the same reason.
  const transport = http(rpcUrl, { retryCount: 0, timeout: 10_000 });
  return {
    publicClient: createPublicClient({ transport, cacheTime: 0, pollingInterval: 50 }),
    walletClient: createWalletClient({ transport, cacheTime: 0, pollingInterval: 50 }),
  };
}

/** Waits for the receipt and fails loudly on a reverted tx (a silent revert would corrupt setup). */
async function confirm(publicClient: PublicClient, hash: Hash, what: string): Promise<Address | null> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash, timeout: 60_000 });
  if (receipt.status !== "success") throw new Error(`${what} reverted (tx ${hash})`);
  return receipt.contractAddress ? (receipt.contractAddress.toLowerCase() as Address) : null;
}

/** Deploys one of our compiled contracts and returns its lowercase address. */
export async function deployContract(
  rpcUrl: string,
  name: ContractName,
  args: readonly unknown[] = [],
  opts: DeployOptions = {},
): Promise<Address> {
  const artifacts = opts.artifacts ?? (await compileContracts());
  const { abi, bytecode } = artifacts[name];
  const { publicClient, walletClient } = localClients(rpcUrl);
  // chain: null -> skip viem's chain-id assertion; the node fills chain id, nonce and fees.
  const hash = await walletClient.deployContract({
    abi,
    bytecode,
    args,
    account: opts.from ?? ANVIL_DEFAULT_ACCOUNTS[0],
    chain: null,
  });
  const address = await confirm(publicClient, hash, `deploying ${name}`);
  if (!address) throw new Error(`deploying ${name}: receipt has no contractAddress (tx ${hash})`);
  return address;
}

export async function deployTestUsdc(rpcUrl: string, opts: DeployOptions = {}): Promise<Address> {
  return deployContract(rpcUrl, "TestUSDC", [], opts);
}

function sendMint(walletClient: WalletClient, token: Address, to: Address, microAmount: bigint, from?: Address) {
  return walletClient.writeContract({
    address: getAddress(token),
    abi: testUsdcAbi,
    functionName: "mint",
    args: [getAddress(to), microAmount],
    account: from ?? ANVIL_DEFAULT_ACCOUNTS[0],
    chain: null,
  });
}

/** Mints test USDC (micro-units) to `to` and waits for the receipt. Returns the tx hash. */
export async function mintUsdc(
  rpcUrl: string,
  token: Address,
  to: Address,
  microAmount: bigint,
  opts: { from?: Address } = {},
): Promise<Hash> {
  const { publicClient, walletClient } = localClients(rpcUrl);
  const hash = await sendMint(walletClient, token, to, microAmount, opts.from);
  await confirm(publicClient, hash, `minting USDC to ${to}`);
  return hash;
}

export interface StartLocalChainOptions extends StartAnvilOptions {
  /** Fund anvil accounts 0..fundAccounts-1. Default 5. */
  fundAccounts?: number;
  /** Micro-USDC per funded account. Default 1,000,000 USDC. */
  fundAmount?: bigint;
}

export interface LocalChain extends AnvilInstance {
  usdcAddress: Address;
}

/** Sidecar next to an anvil state file recording where our contracts live in that state. */
interface StateRecord {
  chainId: number;
  usdcAddress: Address;
}
export function stateRecordPath(stateFile: string): string {
  return `${stateFile}.jopay.json`;
}

function readStateRecord(stateFile: string): StateRecord | null {
  const file = stateRecordPath(stateFile);
  if (!existsSync(file)) return null;
  try {
    const rec = JSON.parse(readFileSync(file, "utf8")) as Partial<StateRecord>;
    return typeof rec.usdcAddress === "string" && typeof rec.chainId === "number"
      ? { chainId: rec.chainId, usdcAddress: rec.usdcAddress }
      : null;
  } catch {
    return null;
  }
}

/**
 * anvil + TestUSDC deployed + accounts funded. With `stateFile`, a previous run's deployment is
 * reused when its code is still on chain (the state is only dumped on a graceful stop, so after a
 * crash the record can point at nothing; then we deploy afresh).
 */
export async function startLocalChain(opts: StartLocalChainOptions = {}): Promise<LocalChain> {
  if (opts.stateFile) mkdirSync(path.dirname(path.resolve(opts.stateFile)), { recursive: true });
  const anvil = await startAnvil(opts);
  try {
    const { publicClient, walletClient } = localClients(anvil.rpcUrl);

    if (opts.stateFile) {
      const rec = readStateRecord(opts.stateFile);
      if (rec && rec.chainId === anvil.chainId) {
        const code = await publicClient.getCode({ address: getAddress(rec.usdcAddress) });
        if (code && code !== "0x") return { ...anvil, usdcAddress: rec.usdcAddress.toLowerCase() as Address };
      }
    }

    const usdcAddress = await deployTestUsdc(anvil.rpcUrl);
    // Send all mints before waiting, so with --block-time they land in one block instead of N.
    const fundAccounts = opts.fundAccounts ?? DEFAULT_FUNDED_ACCOUNTS;
    const amount = opts.fundAmount ?? DEFAULT_FUND_MICRO;
    const hashes: Hash[] = [];
    for (const to of anvil.accounts.slice(0, fundAccounts)) {
      hashes.push(await sendMint(walletClient, usdcAddress, to, amount));
    }
    await Promise.all(hashes.map((h) => confirm(publicClient, h, "minting USDC")));

    if (opts.stateFile) {
      const rec: StateRecord = { chainId: anvil.chainId, usdcAddress };
      writeFileSync(stateRecordPath(opts.stateFile), `${JSON.stringify(rec, null, 2)}\n`);
    }
    return { ...anvil, usdcAddress };
  } catch (err) {
    await anvil.stop();
    throw err;
  }
}

/** The LIVE_* / TEST_* configuration that points both modes at one local chain (dev and e2e). */
export function bothModesOn(chain: Pick<LocalChain, "chainId" | "rpcUrl" | "usdcAddress">): Record<string, string> {
  const env: Record<string, string> = {};
  for (const mode of ["LIVE", "TEST"]) {
    env[`${mode}_CHAIN_ID`] = String(chain.chainId);
    env[`${mode}_RPC_URL`] = chain.rpcUrl;
    env[`${mode}_USDC_ADDRESS`] = chain.usdcAddress;
    env[`${mode}_CONFIRMATIONS`] = "1";
  }
  return env;
}
