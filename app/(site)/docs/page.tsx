export default function DocsHome() {
  return (
    <main className="mx-auto max-w-3xl p-8">
      <h1 className="text-3xl font-semibold">JoPay developer docs</h1>
      <p className="mt-3 text-slate-700">
        The v1 REST API lives under <code>/api/v1</code>. The OpenAPI document is at{" "}
        <a className="text-blue-700 underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
      </p>
    </main>
  );
}
