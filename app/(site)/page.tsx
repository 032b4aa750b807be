import Link from "next/link";

export default function Home() {
  return (
    <main className="mx-auto max-w-2xl p-8">
      <h1 className="text-3xl font-semibold">JoPay</h1>
      <p className="mt-3 text-slate-700">
        Non-custodial stablecoin payments. Partners create payment requests through the API, customers pay USDC straight
        into the merchant&apos;s own wallet, and JoPay verifies the transfer on-chain.
      </p>
      <ul className="mt-6 list-disc space-y-1 pl-6">
        <li><Link className="text-blue-700 underline" href="/docs">Developer docs</Link></li>
        <li><Link className="text-blue-700 underline" href="/partner">Partner console</Link></li>
        <li><Link className="text-blue-700 underline" href="/merchant">Merchant dashboard</Link></li>
        <li><Link className="text-blue-700 underline" href="/admin">Admin portal</Link></li>
      </ul>
    </main>
  );
}
