// A real anvil chain with the project's TestUSDC for payment tests, plus small helpers to pay the
// awkward ways a verifier must handle (through a forwarder, split, reverted, other token), and the
// EIP-3009 way the pay page's wallet flow pays.
import { createWalletClient, encodeFunctionData, getAddress, http, type Address, type Hash, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { splitSignature, transferAuthorizationTypedData } from "@/lib/payments/eip3009";
import { publicClientFor } from "@/lib/chains/clients";
import { chainSettings, type ChainSettings } from "@/lib/chains/config";
import { resetConfigForTests } from "@/lib/config";
import { deployContract, startLocalChain, testForwarderAbi, testUsdcAbi, type LocalChain } from "@/scripts/local-chain/deploy";
import { rpc } from "@/scripts/local-chain/anvil";

export interface TestChain {
  local: LocalChain;
  settings: ChainSettings;
  /** The same chain with a higher confirmation requirement. */
  withConfirmations(n: number): ChainSettings;
  payer: Address;
  transfer(to: string, micro: bigint, opts?: { token?: Address; from?: Address }): Promise<Hash>;
  /**
   * EIP-3009 like the pay page: `from` (default the payer; an unlocked anvil account) signs
   * TransferWithAuthorization with eth_signTypedData_v4 and sends it itself (the v/r/s form).
   * validBefore defaults to an hour after the chain's latest block, validAfter to 0. Like the
   * other helpers it returns the mined tx whatever its status: an authorization the token refuses
   * (expired, nonce already used) is mined reverted, with no logs.
   */
  transferWithAuthorization(to: string, micro: bigint, nonce: Hex, opts?: { from?: Address; validBefore?: bigint; validAfter?: bigint }): Promise<Hash>;
  /**
   * A USDC transfer from anvil's account #1 (the payer), signed locally and not sent: the very same
   * transaction can be sent (sendRaw) again after a reorg removed it.
   */
  signedTransfer(to: string, micro: bigint): Promise<Hex>;
  /** Sends a signed transaction and waits for it to be mined. */
  sendRaw(raw: Hex): Promise<Hash>;
  deployToken(): Promise<Address>;
  deployForwarder(): Promise<Address>;
  approve(spender: Address, opts?: { token?: Address; from?: Address }): Promise<Hash>;
  forward(forwarder: Address, to: string, micro: bigint): Promise<Hash>;
  splitPay(forwarder: Address, to: string, a: bigint, b: bigint): Promise<Hash>;
  forwardAndRevert(forwarder: Address, to: string, micro: bigint): Promise<Hash>;
  mine(blocks?: number): Promise<void>;
  snapshot(): Promise<string>;
  revert(id: string): Promise<void>;
  setNextBlockTimestamp(unixSeconds: number): Promise<void>;
  head(): Promise<bigint>;
  stop(): Promise<void>;
}

/**
 * A test chain that is also the live mode's chain in config: createRequest snapshots the live
 * chain from config, so requests it creates are payable on this anvil.
 */
/** anvil's well-known dev account #1 (a public test key): the payer, `local.accounts[1]`. */
const PAYER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

export async function startLiveTestChain(): Promise<TestChain> {
  const chain = await startTestChain();
  process.env.LIVE_CHAIN_ID = String(chain.settings.chainId);
  process.env.LIVE_RPC_URL = chain.settings.rpcUrl;
  process.env.LIVE_USDC_ADDRESS = chain.settings.usdcAddress;
  resetConfigForTests();
  return chain;
}

export async function startTestChain(opts: { blockTime?: number } = {}): Promise<TestChain> {
  const local = await startLocalChain({ blockTime: opts.blockTime });
  const settings = chainSettings({ chainId: local.chainId, rpcUrl: local.rpcUrl, usdcAddress: local.usdcAddress, confirmations: 1 });
  const pc = publicClientFor(settings);
  const wc = createWalletClient({ transport: http(local.rpcUrl), cacheTime: 0 });
  const payer = local.accounts[1];
  const wait = async (hash: Hash) => {
    // Bounded: a receipt that never comes must fail the test with a reason, not hit the test timeout.
    await pc.waitForTransactionReceipt({ hash, pollingInterval: 50, timeout: 20_000 });
    return hash;
  };
  const MAX = 2n ** 256n - 1n;

  return {
    local,
    settings,
    payer,
    withConfirmations: (n) => ({ ...settings, confirmations: n }),
    async signedTransfer(to, micro) {
      const account = privateKeyToAccount(PAYER_KEY);
      const [nonce, block] = await Promise.all([pc.getTransactionCount({ address: account.address, blockTag: "pending" }), pc.getBlock()]);
      return account.signTransaction({
        chainId: local.chainId, type: "eip1559", nonce, gas: 100_000n,
        maxFeePerGas: (block.baseFeePerGas ?? 1_000_000_000n) * 3n, maxPriorityFeePerGas: 1n,
        to: getAddress(local.usdcAddress), data: encodeFunctionData({ abi: testUsdcAbi, functionName: "transfer", args: [getAddress(to), micro] }),
      });
    },
    async sendRaw(raw) {
      return wait(await rpc<Hash>(local.rpcUrl, "eth_sendRawTransaction", [raw]));
    },
    async transfer(to, micro, o = {}) {
      const hash = await wc.writeContract({
        address: getAddress(o.token ?? local.usdcAddress), abi: testUsdcAbi, functionName: "transfer",
        args: [getAddress(to), micro], account: o.from ?? payer, chain: null,
      });
      return wait(hash);
    },
    async transferWithAuthorization(to, micro, nonce, o = {}) {
      const from = getAddress(o.from ?? payer);
      const token = getAddress(local.usdcAddress);
      const read = <F extends "name" | "version">(functionName: F) => pc.readContract({ address: token, abi: testUsdcAbi, functionName });
      const [name, version, latest] = await Promise.all([read("name"), read("version"), pc.getBlock({ blockTag: "latest" })]);
      const message = {
        from,
        to: getAddress(to),
        value: micro,
        validAfter: o.validAfter ?? 0n,
        validBefore: o.validBefore ?? latest.timestamp + 3600n,
        nonce,
      };
      const signature = await wc.signTypedData({ account: from, ...transferAuthorizationTypedData({ name, version, chainId: local.chainId, verifyingContract: token }, message) });
      const { v, r, s } = splitSignature(signature)!;
      return wait(await wc.writeContract({
        address: token, abi: testUsdcAbi, functionName: "transferWithAuthorization",
        args: [message.from, message.to, message.value, message.validAfter, message.validBefore, nonce, v, r, s], account: from, chain: null,
      }));
    },
    async deployToken() {
      const token = await deployContract(local.rpcUrl, "TestUSDC");
      await wait(await wc.writeContract({ address: getAddress(token), abi: testUsdcAbi, functionName: "mint", args: [getAddress(payer), 10n ** 15n], account: payer, chain: null }));
      return token;
    },
    deployForwarder: () => deployContract(local.rpcUrl, "TestForwarder"),
    async approve(spender, o = {}) {
      return wait(await wc.writeContract({
        address: getAddress(o.token ?? local.usdcAddress), abi: testUsdcAbi, functionName: "approve",
        args: [getAddress(spender), MAX], account: o.from ?? payer, chain: null,
      }));
    },
    async forward(forwarder, to, micro) {
      return wait(await wc.writeContract({ address: getAddress(forwarder), abi: testForwarderAbi, functionName: "forward", args: [getAddress(local.usdcAddress), getAddress(to), micro], account: payer, chain: null }));
    },
    async splitPay(forwarder, to, a, b) {
      return wait(await wc.writeContract({ address: getAddress(forwarder), abi: testForwarderAbi, functionName: "splitPay", args: [getAddress(local.usdcAddress), getAddress(to), a, b], account: payer, chain: null }));
    },
    async forwardAndRevert(forwarder, to, micro) {
      // Explicit gas: estimation would refuse a call that reverts.
      return wait(await wc.writeContract({ address: getAddress(forwarder), abi: testForwarderAbi, functionName: "forwardAndRevert", args: [getAddress(local.usdcAddress), getAddress(to), micro], account: payer, chain: null, gas: 200_000n }));
    },
    async mine(blocks = 1) {
      await rpc(local.rpcUrl, "anvil_mine", [`0x${blocks.toString(16)}`]);
    },
    snapshot: () => rpc<string>(local.rpcUrl, "evm_snapshot", []),
    async revert(id) {
      await rpc(local.rpcUrl, "evm_revert", [id]);
    },
    async setNextBlockTimestamp(t) {
      await rpc(local.rpcUrl, "evm_setNextBlockTimestamp", [t]);
    },
    head: () => pc.getBlockNumber({ cacheTime: 0 }),
    stop: () => local.stop(),
  };
}
