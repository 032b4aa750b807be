import { C, Code, H2, Page, Table } from "../_components/doc";

export const metadata = { title: "Merchants API — JoPay docs" };

export default function MerchantsDocs() {
  return (
    <Page title="Merchants API" lead="Provision merchants from your server and hand them to JoPay's onboarding to connect a wallet and accept the terms.">
      <H2>Create a merchant</H2>
      <p><C>POST /api/v1/merchants</C> (scope <C>merchants:write</C>, 30 per minute per key). Every field is optional.</p>
      <Table
        head={["Field", "Rules"]}
        rows={[
          [<C key="1">email</C>, "≤ 254 characters, an email address"],
          [<C key="2">display_name</C>, "≤ 120"],
          [<C key="3">business_name</C>, "≤ 120"],
          [<C key="4">country</C>, "ISO 3166-1 alpha-2, two upper-case letters"],
          [<C key="5">phone</C>, "≤ 32"],
          [<C key="6">website</C>, "≤ 200"],
          [<C key="7">instagram</C>, "≤ 200"],
          [<C key="8">industry</C>, "≤ 80"],
          [<C key="9">display_currency</C>, "ISO 4217; falls back to your partner's currency"],
          [<C key="10">account_type</C>, "consumer (default) or business"],
          [<C key="11">wallet_address</C>, "0x + 40 hex characters, stored lower-cased; makes create idempotent"],
        ]}
      />
      <p>
        The merchant starts with <C>onboarding_status: &quot;incomplete&quot;</C> and an <C>onboarding_url</C>. Redirect the
        user there (or email it). When they finish, <C>onboarding_status</C> becomes <C>complete</C>, the URL becomes{" "}
        <C>null</C>, a <C>merchant.onboarding_completed</C> webhook is sent, and you can create requests for them.
      </p>
      <H2>Idempotency on wallet_address</H2>
      <p>
        If the wallet already belongs to one of your merchants in the same mode, that merchant is returned with{" "}
        <C>&quot;idempotent_replay&quot;: true</C> (status 200). Wallets are unique across JoPay: a wallet of another
        partner&apos;s merchant, or of your own merchant in the other mode, is <C>409 wallet_address_conflict</C>.
      </p>
      <H2>Onboarding links</H2>
      <Code>{`
curl -X POST "$JOPAY_BASE_URL/api/v1/merchants/$MERCHANT_ID/onboarding_link" \\
  -H "Authorization: Bearer $JOPAY_KEY" -H "Content-Type: application/json" \\
  -d '{"return_url": "https://your.app/onboarding/done"}'
`}</Code>
      <p>
        Each link is single-use and valid for 7 days. Reads of an incomplete merchant always show a usable link (the newest
        one, renewed automatically when it is about to expire).
      </p>
      <H2 id="test-onboarding">Test merchants in one call</H2>
      <p>
        In test mode you can finish a merchant&apos;s onboarding without the onboarding page or a wallet signature:{" "}
        <C>POST /api/v1/merchants/:id/test_onboarding</C> (scope <C>merchants:write</C>, <C>jo_test_</C> keys only) with the
        payout wallet. Nothing is ever paid out in test mode, so there is nothing for a signature to protect; everything else
        is what a real onboarding does: <C>onboarding_status</C> becomes <C>complete</C>, the current terms are recorded, the
        outstanding onboarding link stops working and <C>merchant.onboarding_completed</C> is sent to your webhooks — all in one
        transaction. The answer is the merchant (200).
      </p>
      <Code>{`
# a jo_test_ key; any address of yours as the payout wallet (here a random one)
curl -X POST "$JOPAY_BASE_URL/api/v1/merchants/$MERCHANT_ID/test_onboarding" \\
  -H "Authorization: Bearer $JOPAY_KEY" -H "Content-Type: application/json" \\
  -d '{"wallet_address": "0x'"$(openssl rand -hex 20)"'"}'
`}</Code>
      <Table
        head={["Answer", "When"]}
        rows={[
          [<C key="a">403 test_mode_only</C>, "a jo_live_ key: a live merchant always proves its wallet on the onboarding page"],
          [<C key="b">404 not_found</C>, "another partner's merchant, your live merchant, or no such id"],
          [<C key="c">409 merchant_already_onboarded</C>, "the merchant has completed onboarding already"],
          [<C key="d">409 wallet_address_conflict</C>, "the wallet is another merchant's (wallets are unique across JoPay)"],
        ]}
      />
      <H2>Get and list</H2>
      <p>
        <C>GET /api/v1/merchants/:id</C> and <C>GET /api/v1/merchants?onboarding_status=incomplete&amp;disabled=false&amp;limit=50&amp;offset=0</C>{" "}
        (scope <C>merchants:read</C>) return the same object. Another partner&apos;s or mode&apos;s merchant is a plain 404.
      </p>
    </Page>
  );
}
