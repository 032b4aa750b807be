import { C, Code, Page } from "../_components/doc";

export const metadata = { title: "Rate limits — JoPay docs" };

export default function RateLimitsDocs() {
  return (
    <Page title="Rate limits" lead="60 requests per minute per API key; creating merchants has its own bucket of 30 per minute.">
      <p>
        Limits count per key in fixed one-minute windows and hold exactly under concurrency and across JoPay&apos;s servers.
        Two keys of one partner have separate budgets. A JoPay admin can raise the limits for your partner.
      </p>
      <p>Every response tells you where you stand:</p>
      <Code>{`
RateLimit-Limit: 60
RateLimit-Remaining: 12
RateLimit-Reset: 37        # seconds until the window resets
`}</Code>
      <p>
        Over the limit you get <C>429 rate_limited</C> with <C>Retry-After</C> (seconds). Wait that long; spread batch jobs
        over time instead of retrying in a tight loop.
      </p>
    </Page>
  );
}
