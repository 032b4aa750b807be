import { C, Code, Page } from "../_components/doc";

export const metadata = { title: "Rate limits — JoPay docs" };

export default function RateLimitsDocs() {
  return (
    <Page title="Rate limits" lead="60 requests per minute per API key; creating merchants has its own bucket of 30 per minute.">
      <p>
        Limits count per key over a sliding 60-second window: no 60 seconds ever hold more accepted requests than the
        limit, whenever they start, and the limit holds exactly under concurrency and across JoPay&apos;s servers. Refused
        requests do not count. Two keys of one partner have separate budgets. A JoPay admin can raise the limits for
        your partner.
      </p>
      <p>Every response tells you where you stand:</p>
      <Code>{`
RateLimit-Limit: 60
RateLimit-Remaining: 12
RateLimit-Reset: 37        # seconds until the oldest counted request leaves the window
`}</Code>
      <p>
        Over the limit you get <C>429 rate_limited</C> with <C>Retry-After</C>: the seconds until a request will be
        accepted again. Wait that long; spread batch jobs over time instead of retrying in a tight loop.
      </p>
      <p>
        Requests with a missing or invalid key are limited per client address, 30 a minute: their <C>401 unauthorized</C>{" "}
        answers carry the same headers, and past the limit they get <C>429 rate_limited</C> with <C>Retry-After</C>. A
        valid key is never refused because of them.
      </p>
    </Page>
  );
}
