// Entry of the pay page's browser bundle (built by scripts/build-pay-client.ts, loaded by
// PayIsland): hydrates the server-rendered PayView from the JSON props beside it. The wallet code
// stays behind import() in pay-with-wallet.tsx, so it is its own chunk, fetched on click.
import { hydrateRoot } from "react-dom/client";
import { PAY_PROPS_ID, PAY_ROOT_ID } from "./pay-island";
import type { PayViewProps } from "@/lib/pay-page/view-types";
import { PayView } from "./pay-view";

const root = document.getElementById(PAY_ROOT_ID);
const json = document.getElementById(PAY_PROPS_ID)?.textContent;
if (root && json) hydrateRoot(root, <PayView {...(JSON.parse(json) as PayViewProps)} />);
