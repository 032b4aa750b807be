// Smart-contract wallets (issue 18): a merchant whose payout wallet is an ERC-1271 contract —
// deployed, or not yet deployed (ERC-6492) — onboards and signs in with its owner key's signature,
// checked on a real anvil chain. A signature the wallet refuses, a chain JoPay does not use and a
// chain that cannot be reached each fail for their own reason, and none of them burns the nonce.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeFunctionData, getAddress, keccak256, serializeErc6492Signature, toHex, type Address, type Hex } from "viem";
import { db } from "@/lib/db";
import { resetConfigForTests } from "@/lib/config";
import { clearPublicClientCache } from "@/lib/chains/clients";
import { SIGN_IN_PURPOSE, signInMerchant } from "@/lib/auth/merchant/sign-in";
import { loadOnboardingLink, onboardingPurpose, onboardMerchant } from "@/lib/auth/merchant/onboard";
import { prepareSiweMessage } from "@/lib/auth/merchant/siwe-message";
import { SiweError, verifySiwe } from "@/lib/auth/merchant/siwe";
import { CURRENT_TERMS_VERSION } from "@/lib/merchants/complete-onboarding";
import { compileContracts } from "@/scripts/local-chain/compile";
import { deployContract, localClients } from "@/scripts/local-chain/deploy";
import { startLiveTestChain, type TestChain } from "../payments/support/chain";
import { call } from "../support/call-route";
import { makePartner } from "../support/fixtures";
import { freshAccount } from "./siwe-support";

let chain: TestChain;
let factory: Address;
const owner = freshAccount();

beforeAll(async () => {
  chain = await startLiveTestChain();
  clearPublicClientCache();
  factory = await deployContract(chain.settings.rpcUrl, "TestSmartWalletFactory");
});
afterAll(async () => {
  await chain?.stop();
});

async function deployWallet(walletOwner: Address): Promise<Address> {
  return getAddress(await deployContract(chain.settings.rpcUrl, "TestSmartWallet", [walletOwner]));
}

/** The CREATE2 address the factory would deploy `walletOwner`'s wallet at, and the call that would. */
async function counterfactualWallet(walletOwner: Address, salt: Hex) {
  const { abi } = (await compileContracts()).TestSmartWalletFactory;
  const { publicClient } = localClients(chain.settings.rpcUrl);
  const address = (await publicClient.readContract({ address: factory, abi, functionName: "addressOf", args: [walletOwner, salt] })) as Address;
  const data = encodeFunctionData({ abi, functionName: "deploy", args: [walletOwner, salt] });
  return { address: getAddress(address), data };
}

async function signInMessage(address: Address, chainId = chain.settings.chainId) {
  return prepareSiweMessage({ address, chainId, purpose: SIGN_IN_PURPOSE, statement: "Sign in" });
}

async function failure(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(SiweError);
  return (err as SiweError).reason;
}

const nonceOf = (message: string) => /Nonce: (\w+)/.exec(message)![1];
const nonceUsed = async (message: string) => (await db.siweNonce.findUniqueOrThrow({ where: { nonce: nonceOf(message) } })).usedAt !== null;

describe("smart-wallet SIWE", () => {
  it("a deployed ERC-1271 wallet onboards with its owner's signature, then signs in", async () => {
    const wallet = await deployWallet(owner.address);
    const { liveKey } = await makePartner();
    const created = await call("POST", "/api/v1/merchants", { key: liveKey, body: { account_type: "business" } });
    expect(created.status).toBe(201);
    const token = new URL(created.body.onboarding_url as string).searchParams.get("token")!;
    const link = await loadOnboardingLink(token);
    const message = await prepareSiweMessage({ address: wallet, chainId: chain.settings.chainId, purpose: onboardingPurpose(link!.token.id), statement: "onboard" });

    const result = await onboardMerchant({
      token,
      message,
      signature: await owner.signMessage({ message }),
      connectedAddress: wallet,
      termsAccepted: true,
      termsVersion: CURRENT_TERMS_VERSION,
      fields: {},
    });
    expect(result.merchant.walletAddress).toBe(wallet.toLowerCase());
    const got = await call("GET", `/api/v1/merchants/${created.body.merchant_id}`, { key: liveKey });
    expect(got.body).toMatchObject({ onboarding_status: "complete", wallet_address: wallet.toLowerCase() });

    const signIn = await signInMessage(wallet);
    const merchant = await signInMerchant({ message: signIn, signature: await owner.signMessage({ message: signIn }), connectedAddress: wallet });
    expect(merchant.id).toBe(result.merchant.id);
  });

  it("refuses a signature the wallet's contract does not accept, and keeps the nonce", async () => {
    const wallet = await deployWallet(owner.address);
    const message = await signInMessage(wallet);
    const stranger = freshAccount();
    expect(await failure(verifySiwe({ message, signature: await stranger.signMessage({ message }), connectedAddress: wallet, purpose: SIGN_IN_PURPOSE }))).toBe("signature");
    expect(await failure(verifySiwe({ message, signature: "0xdeadbeef", connectedAddress: wallet, purpose: SIGN_IN_PURPOSE }))).toBe("signature");
    expect(await nonceUsed(message)).toBe(false);
    // The owner's own signature still works with the same message afterwards.
    await expect(verifySiwe({ message, signature: await owner.signMessage({ message }), connectedAddress: wallet, purpose: SIGN_IN_PURPOSE })).resolves.toMatchObject({ address: wallet.toLowerCase() });
  });

  it("a wallet not deployed yet signs with ERC-6492, and checking it deploys nothing", async () => {
    const salt = keccak256(toHex(`salt-${Date.now()}`));
    const { address: wallet, data } = await counterfactualWallet(owner.address, salt);
    const { publicClient } = localClients(chain.settings.rpcUrl);
    expect(await publicClient.getCode({ address: wallet })).toBeUndefined();

    const message = await signInMessage(wallet);
    const inner = await owner.signMessage({ message });
    const signature = serializeErc6492Signature({ address: factory, data, signature: inner });
    await expect(verifySiwe({ message, signature, connectedAddress: wallet, purpose: SIGN_IN_PURPOSE })).resolves.toMatchObject({ address: wallet.toLowerCase() });
    expect(await publicClient.getCode({ address: wallet })).toBeUndefined();

    // The same wrapper around a stranger's signature is refused.
    const other = await signInMessage(wallet);
    const forged = serializeErc6492Signature({ address: factory, data, signature: await freshAccount().signMessage({ message: other }) });
    expect(await failure(verifySiwe({ message: other, signature: forged, connectedAddress: wallet, purpose: SIGN_IN_PURPOSE }))).toBe("signature");
  });

  it("never asks a chain JoPay does not use: a smart-wallet signature for another chain id is refused", async () => {
    const wallet = await deployWallet(owner.address);
    const message = await signInMessage(wallet, 424_242);
    expect(await failure(verifySiwe({ message, signature: await owner.signMessage({ message }), connectedAddress: wallet, purpose: SIGN_IN_PURPOSE }))).toBe("signature");
  });

  it("an unreachable chain is 'try again', not 'invalid', and the nonce stays usable", async () => {
    const wallet = await deployWallet(owner.address);
    const message = await signInMessage(wallet);
    const signature = await owner.signMessage({ message });
    const rpcUrl = process.env.LIVE_RPC_URL;
    process.env.LIVE_RPC_URL = "http://127.0.0.1:9"; // discard port: connection refused
    resetConfigForTests();
    try {
      expect(await failure(verifySiwe({ message, signature, connectedAddress: wallet, purpose: SIGN_IN_PURPOSE }))).toBe("unverifiable");
    } finally {
      process.env.LIVE_RPC_URL = rpcUrl;
      resetConfigForTests();
    }
    expect(await nonceUsed(message)).toBe(false);
    await expect(verifySiwe({ message, signature, connectedAddress: wallet, purpose: SIGN_IN_PURPOSE })).resolves.toMatchObject({ address: wallet.toLowerCase() });
  });

  it("a plain wallet still needs no chain at all", async () => {
    const eoa = freshAccount();
    const message = await signInMessage(eoa.address, 424_242);
    await expect(verifySiwe({ message, signature: await eoa.signMessage({ message }), connectedAddress: eoa.address, purpose: SIGN_IN_PURPOSE })).resolves.toMatchObject({ address: eoa.address.toLowerCase() });
  });
});
