// Rows read with plain SQL (lib/db/sql.ts) as Prisma's model types, so the rest of the code never
// knows how a row was read. pg hands int8 and numeric over as strings; everything else (text, int4,
// bool, enums, jsonb, timestamptz) arrives as Prisma gives it. Each model lists its fields with
// `satisfies Record<keyof Model, ColumnKind>`, so a new column fails to compile until it is listed;
// test/db/plain-sql.test.ts compares each mapper's result with Prisma's for the same row.
import { Prisma } from "@/lib/db";

export type ColumnKind = "as-is" | "bigint" | "decimal";

export interface PrismaRow<T> {
  /** The select list for every column, optionally qualified: `r."id", r."partnerId", …`. */
  columns(alias?: string): string;
  /** A row with (at least) every column under its own name → the model type. */
  read(row: Record<string, unknown>): T;
}

export function prismaRow<T>(fields: Record<keyof T & string, ColumnKind>): PrismaRow<T> {
  const names = Object.keys(fields) as (keyof T & string)[];
  return {
    columns: (alias) => names.map((n) => (alias ? `${alias}."${n}"` : `"${n}"`)).join(", "),
    read(row) {
      const out: Record<string, unknown> = {};
      for (const n of names) {
        const v = row[n];
        const kind = fields[n];
        out[n] = v === null || kind === "as-is" ? v : kind === "bigint" ? BigInt(v as string) : new Prisma.Decimal(v as string);
      }
      return out as T;
    },
  };
}
