import { errorTable, type ErrorCode } from "@/lib/errors";
import { C, Code, H2, Page, Table } from "../_components/doc";

export const metadata = { title: "Errors — JoPay docs" };

export default function ErrorsDocs() {
  const codes = Object.keys(errorTable) as ErrorCode[];
  return (
    <Page title="Errors" lead="Every error is JSON with a stable code, a human message and, where useful, more fields.">
      <Code>{`
{ "ok": false, "error": "validation_error", "message": "Invalid request body.",
  "details": [{ "field": "metadata.order_id", "issue": "values must be at most 500 characters" }] }
`}</Code>
      <p>
        Branch on <C>error</C>, never on <C>message</C>. Error bodies never contain stack traces, SQL, key material or
        another partner&apos;s identifiers. Keep the <C>X-Request-Id</C> response header for support.
      </p>
      <H2>All codes</H2>
      <Table
        head={["Status", "Code", "Meaning", "What to do"]}
        rows={codes.map((c) => [String(errorTable[c].status), <C key={c}>{c}</C>, errorTable[c].message, errorTable[c].fix])}
      />
    </Page>
  );
}
