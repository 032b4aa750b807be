// The pay page's interactive root: PayView inside a known element, its props next to it as inert
// JSON, and the module script that hydrates it from them (components/pay/hydrate.tsx). This is the
// whole of the page's JavaScript before the wallet button is clicked: React DOM and our own
// components, not a client router (SPEC §8 budget: ≤ 100 kB gzip).
import type { PayClientAssets } from "@/lib/pay-page/client-assets";
import type { PayViewProps } from "@/lib/pay-page/view-types";
import { PayView } from "./pay-view";

export const PAY_ROOT_ID = "pay-root";
export const PAY_PROPS_ID = "pay-props";

/**
 * JSON that is safe inside <script>: `<` is escaped so partner- or merchant-written text (memo,
 * names) can never close the element, and U+2028/2029 so older parsers read it as JSON does.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export function PayIsland({ props, assets }: { props: PayViewProps; assets: PayClientAssets | null }) {
  return (
    <>
      <div id={PAY_ROOT_ID}>
        <PayView {...props} />
      </div>
      {assets ? (
        <>
          <script id={PAY_PROPS_ID} type="application/json" dangerouslySetInnerHTML={{ __html: jsonForScript(props) }} />
          {assets.preload.map((href) => (
            <link key={href} rel="modulepreload" href={href} />
          ))}
          {/* A module script is deferred by definition: it runs once the document is parsed. */}
          {/* eslint-disable-next-line @next/next/no-sync-scripts */}
          <script type="module" src={assets.entry} />
        </>
      ) : null}
    </>
  );
}
