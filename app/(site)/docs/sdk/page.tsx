import Link from "next/link";
import { C, Code, H2, Page } from "../_components/doc";
import { NODE_CREATE, NODE_VERIFY, PHP_CREATE, PHP_VERIFY, PYTHON_CREATE, PYTHON_VERIFY } from "./snippets";

export const metadata = { title: "SDK — JoPay docs" };

export default function SdkDocs() {
  return (
    <Page title="SDK" lead="@jopay/node: JoPay's API from Node.js, typed, with idempotent retries and webhook verification. Python and PHP need no SDK: a create and the webhook check are a few lines of their standard libraries.">
      <H2>Install</H2>
      <p>
        <C>@jopay/node</C> runs on Node.js 20 or later: an ES module with TypeScript declarations and no dependencies (it uses the
        global <C>fetch</C> and <C>node:crypto</C>). It lives in JoPay&apos;s repository under <C>packages/node</C>; until it is on
        the npm registry, build and pack it there and install the tarball:
      </p>
      <Code>{`
cd packages/node && npm run build && npm pack      # → jopay-node-0.1.0.tgz
cd /your/app && npm install /path/to/jopay-node-0.1.0.tgz
`}</Code>
      <p>
        Its types are generated from the <a className="text-blue-700 underline" href="/api/v1/openapi.json">OpenAPI document</a>{" "}
        (every body, query and answer of the <Link className="text-blue-700 underline" href="/docs/reference">reference</Link>, every
        error code, every webhook event), so they cannot drift from what the API accepts and answers.
      </p>
      <H2>Create a request</H2>
      <Code>{NODE_CREATE}</Code>
      <ul className="list-disc pl-6">
        <li>
          Resources: <C>requests</C> (create, get, list, cancel, attachProof, simulatePayment), <C>merchants</C> (create, get, list,
          onboardingLink, testOnboarding), <C>webhookEndpoints</C> (create, get, list, update, delete, rotateSecret,
          sendTestEvent), <C>events</C> (list, get, redeliver) and <C>fx.rate</C>.
        </li>
        <li>
          A list call awaited is one page (<C>has_more</C>, <C>limit</C>, <C>offset</C>); iterated with <C>for await</C> it is every
          item of every page. Lists are newest first: objects created during the loop are not in it.
        </li>
        <li>
          Creates send an <C>Idempotency-Key</C> header (<Link className="text-blue-700 underline" href="/docs/requests">Requests API</Link>
          ): yours, or one generated per call.
        </li>
        <li>
          429, 5xx and network failures are retried (default twice) with exponential backoff and jitter, or after exactly{" "}
          <C>Retry-After</C> seconds when the answer says — but only calls a repeat cannot double: <C>GET</C>, <C>DELETE</C>, and
          creates carrying an idempotency key. A cancel, a proof, a merchant create are tried once.
        </li>
        <li>
          Failures throw <C>JoPayError</C> with <C>status</C>, <C>code</C> (the <Link className="text-blue-700 underline" href="/docs/errors">error table</Link>
          &apos;s), <C>message</C>, <C>details</C> and <C>requestId</C> (quote it to support); no answer at all is a{" "}
          <C>JoPayConnectionError</C>.
        </li>
      </ul>
      <H2>Verify a webhook</H2>
      <p>
        <C>verifyWebhook(payload, headers, secret)</C> (also <C>jopay.webhooks.verify</C>) checks a delivery as{" "}
        <Link className="text-blue-700 underline" href="/docs/webhooks">Standard Webhooks</Link> define it — any <C>v1</C> signature
        of <C>{"{webhook-id}.{webhook-timestamp}.{body}"}</C> under your <C>whsec_</C> secret, a timestamp within five minutes,
        compared in constant time — and returns the typed event, or throws <C>WebhookVerificationError</C>. Pass the raw body.
        During a secret rotation pass both secrets as a list.
      </p>
      <Code>{NODE_VERIFY}</Code>
      <H2>Python (standard library)</H2>
      <p>A create with <C>urllib</C>:</p>
      <Code>{PYTHON_CREATE}</Code>
      <p>The webhook check with <C>hmac</C>:</p>
      <Code>{PYTHON_VERIFY}</Code>
      <H2>PHP (curl and hash_hmac)</H2>
      <p>A create:</p>
      <Code>{PHP_CREATE}</Code>
      <p>The webhook check:</p>
      <Code>{PHP_VERIFY}</Code>
    </Page>
  );
}
