import { SCOPES } from "@/lib/api-keys/scopes";
import { C, Code, H2, Page, Table } from "../_components/doc";

export const metadata = { title: "Authentication — JoPay docs" };

const SCOPE_USE: Record<string, string> = {
  "requests:read": "Get and list payment requests.",
  "requests:write": "Create and cancel requests; attach proofs; simulate payments (test keys).",
  "merchants:read": "Get and list merchants.",
  "merchants:write": "Create merchants and onboarding links.",
  "webhooks:read": "List webhook endpoints and events.",
  "webhooks:write": "Create, change, delete endpoints; rotate secrets; redeliver events.",
};

export default function Authentication() {
  return (
    <Page title="Authentication" lead="A bearer API key on every call. The key decides the partner, the mode and what you may do.">
      <Code>{`curl "$JOPAY_BASE_URL/api/v1/requests" -H "Authorization: Bearer $JOPAY_KEY"`}</Code>
      <p>
        The samples in these docs are shell commands that run as pasted once <C>JOPAY_BASE_URL</C> (your JoPay: locally{" "}
        <C>http://localhost:3000</C>, in production <C>https://&lt;partner-slug&gt;.jopay.app</C>) and <C>JOPAY_KEY</C>{" "}
        are set — see the <a className="underline" href="/docs/quickstart">Quickstart</a>.
      </p>
      <H2>Keys</H2>
      <p>
        Keys look like <C>jo_live_</C> or <C>jo_test_</C> followed by 32 random characters. They are shown once, when you
        create them in the partner console; JoPay stores only a hash and the first few characters for recognition. A
        missing, malformed, unknown, revoked or expired key gets <C>401 unauthorized</C>, always with the same body.
      </p>
      <H2>Scopes</H2>
      <p>A key holds any subset of the scopes (all by default). Calling an endpoint without its scope answers <C>403 insufficient_scope</C> with <C>required_scope</C>. <C>GET /api/v1/fx/rates</C> accepts any valid key.</p>
      <Table head={["Scope", "Allows"]} rows={SCOPES.map((s) => [<C key={s}>{s}</C>, SCOPE_USE[s]])} />
      <H2>Live and test mode</H2>
      <p>
        The prefix is the mode. A test key creates and sees only test-mode merchants, requests, endpoints and events; a
        live key only live ones. Objects of the other mode are a <C>404</C> exactly like a missing id, and a merchant&apos;s
        mode is frozen when it is created. Test requests are paid on the test chain (or simulated), never with real funds.
      </p>
      <H2>Rotation</H2>
      <p>
        &quot;Roll&quot; a key in the console to get a new one while the old one keeps working for an overlap you choose
        (0–7 days). Deploy the new key, then let the old one expire or revoke it. Revocation is immediate. The console shows
        when each key was last used, so you can find keys nothing uses any more.
      </p>
    </Page>
  );
}
