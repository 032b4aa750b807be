// Types shared by the wallet button and the wallet code it loads on click.

/** Any wallet the flow can pay with: injected, EIP-6963-announced or WalletConnect. */
export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] | Record<string, unknown> }): Promise<unknown>;
}

/** One wallet the customer can pick. `icon` is null unless it is a `data:image/` URI. */
export interface WalletChoice {
  id: string;
  name: string;
  icon: string | null;
  provider: Eip1193Provider;
}

// What the wallet flow needs to know about the request; plain data, passed from the server page.
export interface WalletPayTarget {
  requestId: string;
  chainId: number;
  networkName: string;
  nativeCurrencySymbol: string;
  /** Only a public RPC URL, for wallet_addEthereumChain; null: ask the customer to add the network. */
  publicRpcUrl: string | null;
  usdc: string;
  recipient: string;
  /** USDC micro-units as a decimal string. */
  amountMicro: string;
  /** The request's expires_at, unix seconds: bounds the EIP-3009 authorization's validBefore. */
  expiresAt: number;
}

/** "sign": the EIP-3009 authorization (a signature, no fee); "confirm": the transaction itself. */
export type WalletStep = "connecting" | "switching" | "checking" | "sign" | "confirm" | "submitting";

export type WalletFailure =
  | { kind: "no_wallet" }
  | { kind: "rejected" }
  | { kind: "wrong_chain" }
  | { kind: "add_chain" }
  | { kind: "insufficient"; balanceMicro: string }
  | { kind: "rpc" }
  | { kind: "proof_failed"; txHash: string };

/** txHash null: nothing was sent now, because this wallet had already paid this request (EIP-3009 nonce used). */
export type WalletResult = { ok: true; txHash: string | null } | { ok: false; failure: WalletFailure };
