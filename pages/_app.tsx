// The pages router's app shell: only the pay page lives there (see pages/pay/[id].tsx for why).
import type { AppProps } from "next/app";
import "@/app/globals.css";

export default function App({ Component, pageProps }: AppProps) {
  return <Component {...pageProps} />;
}
