export default function MerchantHome() {
  return (
    <main className="mx-auto max-w-3xl p-8">
      <h1 className="text-2xl font-semibold">JoPay — Merchant</h1>
    </main>
  );
}
