export default function PartnerHome() {
  return (
    <main className="mx-auto max-w-3xl p-8">
      <h1 className="text-2xl font-semibold">JoPay — Partner</h1>
    </main>
  );
}
