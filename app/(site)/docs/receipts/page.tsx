// "Payment receipts": what a receipt says and how to verify one offline. The receipts themselves are
// issued by lib/receipts/ (claims: lib/schemas/receipt.ts); this page must say what they do.
import { C, Code, H2, Page, Table } from "../_components/doc";

export const metadata = { title: "Payment receipts — JoPay docs" };

const link = "text-blue-700 underline";

const CLAIMS: [string, string][] = [
  ["iss", "JoPay's public base URL (the host that signed it)."],
  ["sub", "The payment request's id — the same as request_id (JWT convention)."],
  ["jti", "The receipt's id — the same as receipt_id. One per verification."],
  ["iat", "Unix seconds when the payment was verified and the receipt signed."],
  ["receipt_id", "This receipt's id."],
  ["request_id", "The payment request it attests."],
  ["merchant_id", "The merchant, by the id the partner API returns."],
  ["mode", "live or test — the mode of the request and of the key that created it."],
  ["simulated", "true for a test-mode simulated payment (simulate_payment): no chain, no transaction; tx_hash is made up."],
  ["amount", "The requested amount: fiat_int in the currency's minor units and fiat_code (ISO 4217)."],
  ["expected_usdc_micro", "The USDC the request asked for, in micro-units (6 decimals) as a decimal string."],
  ["received_usdc_micro", "The USDC the recipient received in the transaction (at least expected; more is an overpayment)."],
  ["chain_id", "The EVM chain the payment was made on."],
  ["token_contract", "The USDC contract whose Transfer logs were counted — the only token that counts."],
  ["tx_hash", "The paying transaction."],
  ["log_index", "The index of the first credited Transfer log in its block (null when simulated)."],
  ["block_number", "The block that held the transaction, as a decimal string (null when simulated)."],
  ["block_hash", "That block's hash: a reorg that replaces the block is visible by comparing it with the chain."],
  ["block_time", "That block's timestamp (ISO 8601)."],
  ["payer", "The from address of the first credited Transfer log — the account whose USDC moved (a smart wallet or router counts as the payer)."],
  ["recipient", "The merchant's receiving wallet the request named."],
  ["transfers", "Every Transfer log credited to the recipient in the transaction: log_index, from and usdc_micro (a split payment has several)."],
  ["late", "true when the transaction was mined after the request expired."],
  ["verified_at", "When JoPay verified the payment (ISO 8601)."],
];

export default function ReceiptsDocs() {
  return (
    <Page
      title="Payment receipts"
      lead={
        "For every verified payment JoPay signs a receipt: a compact JWS anyone can verify offline with JoPay's public keys — " +
        "so a partner, a merchant or an auditor need not take JoPay's word that a request was paid."
      }
    >
      <H2 id="where">Where receipts are</H2>
      <ul className="list-disc pl-6">
        <li>
          <C>GET /api/v1/receipts/{"{request_id}"}</C> — public, no key (the request id is the capability, as for the pay link):
          the JWS, its decoded header and claims, and its <a className={link} href="#status">status now</a>.
        </li>
        <li>
          The request object&apos;s <C>receipt_url</C> points there once the payment is verified (null before).
        </li>
        <li>
          The <C>payment.proof_verified</C> webhook carries the receipt beside <C>data</C>, as <C>receipt</C>:{" "}
          <C>receipt_id</C>, <C>url</C>, <C>status</C>, <C>kid</C> and <C>jws</C>.
        </li>
        <li>
          <C>GET /api/v1/receipts/jwks.json</C> — the public keys (a JSON Web Key Set), public, cacheable for 5 minutes.
        </li>
      </ul>
      <p>
        A receipt holds no customer name, email, phone, memo or metadata: it is meant to be handed on. It is signed in the same
        database transaction that marks the payment verified — there is never a verified payment without its receipt, nor a receipt
        without its verification — and stored as signed: nothing later, a key rotation included, changes it.
      </p>
      <Code>{`
GET /api/v1/receipts/0193a8c1-…

{
  "ok": true,
  "receipt_id": "0193a8c4-…",
  "request_id": "0193a8c1-…",
  "status": "verified",
  "issued_at": "2026-11-21T10:15:02.110Z",
  "reversed_at": null,
  "finalized_at": null,
  "kid": "2026-11",
  "jws": "eyJhbGciOiJFZERTQSIsImtpZCI6IjIwMjYtMTEiLCJ0eXAiOiJqb3BheS1yZWNlaXB0K2p3dCJ9.eyJpc3MiOi….3kT…",
  "header": { "alg": "EdDSA", "kid": "2026-11", "typ": "jopay-receipt+jwt" },
  "claims": { "request_id": "0193a8c1-…", "received_usdc_micro": "27500000", "tx_hash": "0x…", "…": "see below" },
  "url": "https://jopay.example/api/v1/receipts/0193a8c1-…",
  "jwks_url": "https://jopay.example/api/v1/receipts/jwks.json",
  "previous": []
}
`}</Code>

      <H2 id="verify">Verify a receipt offline</H2>
      <p>
        The signature is EdDSA over Ed25519 (<C>alg: EdDSA</C>); the header&apos;s <C>kid</C> names the key. With{" "}
        <a className={link} href="https://github.com/panva/jose">jose</a> (Node.js, browsers, Deno, Bun), fetching the key set:
      </p>
      <Code>{`
import { compactVerify, createRemoteJWKSet } from "jose";

const jwks = createRemoteJWKSet(new URL("https://jopay.example/api/v1/receipts/jwks.json"));

const { payload, protectedHeader } = await compactVerify(receipt.jws, jwks, { algorithms: ["EdDSA"] });
if (protectedHeader.typ !== "jopay-receipt+jwt") throw new Error("not a JoPay receipt");
const claims = JSON.parse(new TextDecoder().decode(payload));
// Check it is the payment you expect:
if (claims.request_id !== myOrder.jopayRequestId) throw new Error("another request's receipt");
if (BigInt(claims.received_usdc_micro) < BigInt(claims.expected_usdc_micro)) throw new Error("underpaid");
`}</Code>
      <p>
        Fully offline — no network at verification time — save the key set once (or a single key) and import it. Any change to
        the payload or the header, a signature from another receipt or a <C>kid</C> the set does not contain makes{" "}
        <C>compactVerify</C> throw:
      </p>
      <Code>{`
import { compactVerify, importJWK } from "jose";
import jwks from "./jopay-jwks.json" with { type: "json" }; // saved from /api/v1/receipts/jwks.json

const { kid } = JSON.parse(Buffer.from(receipt.jws.split(".")[0], "base64url").toString());
const jwk = jwks.keys.find((k) => k.kid === kid);
if (!jwk) throw new Error("unknown signing key");
const { payload } = await compactVerify(receipt.jws, await importJWK(jwk, "EdDSA"), { algorithms: ["EdDSA"] });
`}</Code>
      <p>
        Receipts are also valid JWTs (<C>jwtVerify</C> works, with <C>typ: &quot;jopay-receipt+jwt&quot;</C>); they carry no{" "}
        <C>exp</C>: a receipt attests a past event and does not expire. For an on-chain payment, the strongest check is the
        chain itself: the transaction <C>tx_hash</C> in block <C>block_hash</C> emitted, from <C>token_contract</C>, a{" "}
        <C>Transfer</C> at <C>log_index</C> from <C>payer</C> to <C>recipient</C>.
      </p>

      <H2 id="claims">Claims</H2>
      <p>Amounts and block numbers are decimal strings (they can exceed what a JSON number holds exactly).</p>
      <Table head={["Claim", "Meaning"]} rows={CLAIMS.map(([name, meaning]) => [<C key={name}>{name}</C>, meaning])} />

      <H2 id="status">Status, reorgs and reversed payments</H2>
      <p>
        A signature proves what JoPay verified and when; it cannot say whether the payment still stands. The receipt URL and the
        webhooks add that: <C>status</C> is <C>verified</C> (the payment stands, its block not final yet), <C>final</C> (the block
        is final: no reorg can remove it; simulated payments are final at once) or <C>reversed</C>.
      </p>
      <p>
        If a reorg removes a verified payment before its block is final, the receipt is <strong>kept exactly as signed</strong> —
        its signature still verifies — and its status becomes <C>reversed</C> with <C>reversed_at</C>; the{" "}
        <C>payment.reversed</C> webhook carries it with <C>status: &quot;reversed&quot;</C>. If the same transaction is mined
        again, the payment is verified again and a <strong>new</strong> receipt is signed (new <C>receipt_id</C>, the new block);
        the receipt URL then shows the new one, and the reversed one under <C>previous</C>. So: trust a receipt&apos;s signature
        for what it says, and the URL (or the latest webhook) for whether it still stands.
      </p>

      <H2 id="keys">Keys and rotation</H2>
      <p>
        The key set lists every published key, the one signing new receipts first. A retired key stays in the set, so receipts it
        signed keep verifying. JoPay rotates by publishing the new key first (as a second entry, at least one cache period before
        it signs) and then signing with it; <C>createRemoteJWKSet</C> also refetches the set when it meets a <C>kid</C> it does not
        know. If you verify fully offline, save the set again from time to time: an older saved set does not know newer keys.
      </p>
    </Page>
  );
}
