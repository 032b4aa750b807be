export default async function PayPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <main className="mx-auto max-w-md p-6">
      <h1 className="text-xl font-semibold">Payment request</h1>
      <p className="mt-2 font-mono text-sm text-slate-600">{id}</p>
    </main>
  );
}
