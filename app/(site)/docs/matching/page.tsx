// "How JoPay matches payments": the attribution, verification, finality and give-up rules of SPEC §6
// written for partners. The rules themselves live in lib/payments/ (attribution.ts,
// verify-transfer.ts, check-proofs.ts, check-finality.ts); this page must say what they do.
import Link from "next/link";
import { C, Code, H2, Page, Table } from "../_components/doc";

export const metadata = { title: "How JoPay matches payments — JoPay docs" };

const link = "text-blue-700 underline";

export default function MatchingDocs() {
  return (
    <Page
      title="How JoPay matches payments"
      lead={
        "Every USDC transfer to a merchant's wallet belongs to at most one payment request. These are the rules that decide which one — " +
        "the same rules for a hash you attach, a hash a customer pastes on the pay page, a payment the customer's wallet sends, " +
        "and a transfer JoPay's watcher finds on its own."
      }
    >
      <H2 id="amount">What JoPay reads</H2>
      <p>
        JoPay reads a transaction&apos;s <strong>receipt logs</strong>, never <C>tx.to</C> or calldata. The amount a
        transaction pays is the sum of the <C>Transfer</C> events emitted by the request&apos;s USDC contract (
        <C>chain.usdc_contract</C>) to the request&apos;s receiving wallet (<C>chain.receiving_wallet</C>, the merchant&apos;s
        wallet when the request was created), from any sender other than that wallet. A proof is verified only when all of
        these hold:
      </p>
      <ul className="list-disc pl-6">
        <li>the receipt exists and its status is success;</li>
        <li>the block has at least the chain&apos;s confirmations (defaults below);</li>
        <li>the block time is after the request&apos;s <C>created_at</C> (60 s of clock skew allowed);</li>
        <li>the chain is the request&apos;s chain (live requests on the live chain, test requests on the test chain);</li>
        <li>the hash is not the proof of another request (a unique index enforces this, even under concurrency);</li>
        <li>the transfer belongs to this request by the rules below, and pays at least <C>amount.usdc_micro</C>.</li>
      </ul>
      <Table
        head={["Chain", "Confirmations (default)"]}
        rows={[
          ["Base, Base Sepolia", "10"],
          ["Ethereum", "12"],
          ["Polygon", "50"],
          ["Arbitrum", "300"],
          ["anvil (local development)", "1"],
        ]}
      />
      <p>
        A receipt not found yet, too few confirmations, or an RPC error never rejects a proof: it stays <C>attached</C> and is
        checked again with backoff.
      </p>

      <H2 id="attribution">Attribution: whose payment is it?</H2>
      <p>Before any amount is compared, JoPay decides which request the transfer belongs to, in this order:</p>
      <ol className="list-decimal space-y-2 pl-6">
        <li>
          <strong>Payment reference.</strong> If the USDC contract emitted <C>AuthorizationUsed(authorizer, nonce)</C> in the
          same receipt and the nonce is a request&apos;s payment reference (see <a className={link} href="#eip3009">wallet payments</a>),
          the transfer belongs to that request and to no other, <strong>whatever its amount</strong>.
        </li>
        <li>
          <strong>Exact amount.</strong> Otherwise, the transfer belongs to the request to that wallet (same chain) whose{" "}
          <C>amount.usdc_micro</C> equals the amount received, taken in this order of preference: a request that was open when
          the transaction was mined; failing that, one still open now; failing that, one that expired at most 24 hours before
          the transaction was mined (a late payment). Cancelled requests and requests created after the transaction was
          mined never own a transfer. Among several of one kind, the oldest.
        </li>
        <li>
          <strong>Nobody.</strong> Only a transfer that belongs to no request by rules 1 and 2 may be credited to the request
          it is proven for: if it pays at least <C>amount.usdc_micro</C> the proof is verified, and any excess is recorded as{" "}
          <C>proof.overpaid_usdc_micro</C>; if it pays less, the proof is rejected as <C>underpaid</C>, with{" "}
          <C>proof.expected_usdc_micro</C> and <C>proof.received_usdc_micro</C> showing the difference.
        </li>
      </ol>
      <p>
        So a plain transfer of exactly a request&apos;s amount pays that request; an overpayment or underpayment pays nobody until someone
        attaches its hash to a request; and a transaction carrying a request&apos;s reference pays that request even if the
        customer changed the amount (less than <C>usdc_micro</C> is then <C>underpaid</C> for that request, more is an
        overpayment of it).
      </p>

      <H2 id="matches-other-request">
        <C>matches_other_request</C>: the proof names the wrong request
      </H2>
      <p>
        A proof for a request the transfer does not belong to is rejected with <C>rejection_reason: matches_other_request</C>{" "}
        (a <C>payment.proof_rejected</C> webhook), and JoPay attaches the transaction to the request it belongs to itself — that
        request then gets its own <C>payment.proof_attached</C> and, once confirmed, <C>payment.proof_verified</C>. The
        rejection never says which request owns the transfer: a request id, amount or customer of another order is not
        yours to see, even when both requests are your own.
      </p>
      <p>For you as a partner it means:</p>
      <ul className="list-disc pl-6">
        <li>this request is <strong>not paid</strong> by that transaction, and stays payable (<C>proof_status</C> is back to <C>none</C>, or <C>attached</C> if another proof of it is pending);</li>
        <li>you do not need to move the payment yourself: the request it pays hears about it through its own events;</li>
        <li>
          if the customer insists they paid this order, the transaction paid another open request of the same merchant with
          exactly that amount or that reference — typically they paid the wrong payment link. Settle it between the
          merchant and the customer; JoPay does not move funds.
        </li>
      </ul>

      <H2 id="pasted-hash">Why a pasted transaction hash does not pay</H2>
      <p>
        Transaction hashes are public. Suppose customer A pays request A (120.004210 USDC) and customer B, holding a cheaper
        request B (20.000317 USDC) at the same merchant, copies A&apos;s transaction hash from a block explorer and pastes it
        on B&apos;s pay page:
      </p>
      <Code>{`
transfer 120.004210 USDC → merchant wallet
  rule 1: no payment reference (a plain transfer)
  rule 2: amount equals request A's usdc_micro → belongs to request A
request B: proof rejected, matches_other_request      (B gains nothing)
request A: hash attached by JoPay, then verified      (A is paid)
`}</Code>
      <p>
        If A&apos;s request already holds that hash as its proof, B&apos;s attach is refused at once with{" "}
        <C>409 proof_conflict</C>. Either way, B&apos;s order is not paid, and A&apos;s is.
      </p>

      <H2 id="self-transfer">Self-transfers</H2>
      <p>
        USDC the merchant&apos;s wallet sends to itself never counts towards any amount. A transaction whose only USDC transfers to
        the wallet come from the wallet itself is not a payment: a proof for it is rejected as <C>self_transfer</C>, however
        much it moves.
      </p>

      <H2 id="amount-tags">Amount tags: keeping exact amounts distinct</H2>
      <p>
        Rule 2 works only if no two open requests to one wallet ask for the same amount. So when a request is created, JoPay
        adds an <strong>amount tag</strong> of 0 to 9,999 micro-units (under one cent, at most 0.009999 USDC) to the converted
        amount: 0 when the converted amount is not already the amount of an open request (<C>requested</C> or{" "}
        <C>opened</C>, not yet verified) to the same wallet on the same chain, otherwise a free tag picked at random.{" "}
        <C>amount.usdc_micro</C> always includes the tag; the customer pays exactly that. While a create inserts, it holds a
        lock on that one amount, and the insert checks again that the amount is still free, so concurrent creates never get
        the same amount — and creates to one busy wallet do not queue behind each other.
      </p>
      <p>
        This leaves room for <strong>10,000 open requests of one price per wallet</strong> — a monthly billing run for
        10,000 subscribers at one price fits. A create beyond that is answered with{" "}
        <C>503 amount_capacity_exhausted</C> and a <C>Retry-After</C> header (seconds until the soonest of those requests
        expires); retry then, or change the amount by a cent. A tag is free again as soon as its request expires, is
        voided or is paid.
      </p>

      <H2 id="late">Late payments</H2>
      <p>
        A request expires at <C>expires_at</C> (<C>request.expired</C>) unless a payment is verified or on its way (a
        pending proof whose transaction the chain has returned). A payment mined after{" "}
        <C>expires_at</C> is still verified, with <C>late: true</C> on the request and the proof — it went to the
        merchant&apos;s wallet either way, and JoPay never holds funds to send back. By exact amount, an expired request owns a
        transfer mined up to 24 hours after its expiry (unless an open request of that amount owns it); a payment carrying
        its reference, at any time. Decide in your own business logic whether to honour a late payment or refund it.
      </p>

      <H2 id="finality">Finality and reversal</H2>
      <p>
        Confirmations make a reorganisation (reorg) unlikely, not impossible. A verified payment is therefore re-checked
        until its block is <strong>final</strong> — the RPC&apos;s <C>finalized</C> block tag where the chain has one, otherwise a
        per-chain depth — and <C>proof.finalized_at</C> is set then. Until that moment it is <C>null</C>.
      </p>
      <p>If the payment disappears from the chain before it is final:</p>
      <ul className="list-disc pl-6">
        <li>
          the request goes from <C>proof_status: verified</C> back to <C>attached</C> and its proof from <C>verified</C> back to{" "}
          <C>pending</C>; the hash stays reserved to this request;
        </li>
        <li>
          a <C>payment.reversed</C> webhook tells you (same envelope and request object as every <C>payment.*</C> event,
          signed the same way), and JoPay&apos;s audit log records it;
        </li>
        <li>
          if the same transaction is mined again (the usual case, within minutes), it is verified afresh and you get{" "}
          <C>payment.proof_verified</C> again for the same request and transaction;
        </li>
        <li>if it never comes back, the proof is rejected as <C>not_found</C> on the schedule below (<C>payment.proof_rejected</C>).</li>
      </ul>
      <p>
        On <C>payment.reversed</C>, treat the order as not paid: hold shipping or fulfilment if it has not happened, flag it
        for review if it has, and keep listening. For high-value goods, release only once{" "}
        <C>GET /api/v1/requests/:id</C> shows <C>proof.finalized_at</C> non-null. See{" "}
        <Link className={link} href="/docs/webhooks#reversed">
          Webhooks
        </Link>
        .
      </p>

      <H2 id="not-found">Hashes the chain does not know</H2>
      <p>
        Anyone can paste a hash on a pay page, including one that was never a transaction. Such a proof cannot hold a request
        hostage:
      </p>
      <ul className="list-disc pl-6">
        <li>
          a request whose pending proofs the chain has never returned a receipt for expires on time at <C>expires_at</C>; if
          one of those hashes later turns out to be a real payment, it is verified with <C>late: true</C>;
        </li>
        <li>
          a hash the chain still does not know 1 hour after it was attached — or 1 hour after a reorg removed it — is given up:
          the proof is rejected as <C>not_found</C> and its slot freed. Only the RPC answering &quot;no such transaction&quot;
          counts; while the RPC is down or erroring, no proof is given up;
        </li>
        <li>
          a request holds at most 5 pending proofs at a time; a sixth is refused with <C>409 too_many_proofs</C> until one of
          them is verified or rejected.
        </li>
      </ul>

      <H2 id="eip3009">Wallet payments (EIP-3009)</H2>
      <p>
        When a customer taps <strong>Pay with wallet</strong> on the pay page and their wallet supports it, the payment is an
        EIP-3009 <C>transferWithAuthorization</C> of USDC. The wallet shows an EIP-712 signature request for{" "}
        <C>TransferWithAuthorization</C> in the USDC contract&apos;s own domain (its <C>name</C>, <C>version</C>, the chain id
        and the contract address):
      </p>
      <Code>{`
TransferWithAuthorization(
  address from,        // the customer's address
  address to,          // chain.receiving_wallet
  uint256 value,       // amount.usdc_micro, exactly
  uint256 validAfter,  // 0
  uint256 validBefore, // expires_at + 1 hour (unix seconds)
  bytes32 nonce        // the request's payment reference
)
`}</Code>
      <p>
        The nonce is the request&apos;s <strong>payment reference</strong>: 16 bytes of tag (the first 16 bytes of{" "}
        <C>keccak256(&quot;jopay:eip3009-reference:v1:&quot; ‖ request id bytes)</C>) followed by the 16 bytes of the request
        id. It is not a secret — only the payer can sign an authorization with it, and using it only ever pays this request —
        and USDC emits it as <C>AuthorizationUsed(from, nonce)</C> in the payment&apos;s receipt, which is how rule 1 recognises
        the request. USDC accepts each <C>(from, nonce)</C> pair once, so one customer cannot pay one request twice this way.
      </p>
      <p>
        The customer&apos;s <strong>own wallet submits</strong> the signed authorization to the USDC contract and pays the gas;
        the pay page then attaches the transaction hash as the proof. JoPay never receives the funds, never holds a key and
        never sends a transaction: the USDC goes straight from the customer to the merchant&apos;s wallet.
      </p>
      <p>
        Nothing else changes. A wallet that cannot sign typed data, a token without EIP-3009, scanning the EIP-681 QR code,
        paying from an exchange, or typing the address and amount by hand all send a plain <C>transfer</C>, which pays through
        rule 2: send exactly <C>amount.usdc_micro</C>.
      </p>
    </Page>
  );
}
