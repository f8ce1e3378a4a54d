import type { TableStats } from "../manifest";

export type RunQuery = <Row>(sql: string) => Promise<Row[]>;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every user table (any schema but the system ones, drizzle's migration journal included). */
export async function listTables(query: RunQuery): Promise<string[]> {
  const rows = await query<{ schema: string; name: string }>(`
    SELECT n.nspname AS schema, c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
    ORDER BY 1, 2`);
  return rows.map((row) => `${row.schema}.${row.name}`);
}

/**
 * Row count and a checksum per table: the sum of each row's md5 (first 60 bits) over its
 * text form. A sum is order-independent and streams, so it needs no sort of the table.
 */
export async function tableStats(query: RunQuery): Promise<TableStats[]> {
  const stats: TableStats[] = [];
  for (const table of await listTables(query)) {
    const [schema = "", name = ""] = table.split(/\.(.*)/s);
    const [row] = await query<{ rows: string; checksum: string }>(`
      SELECT count(*)::text AS rows,
             coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint), 0)::text AS checksum
      FROM ${quoteIdent(schema)}.${quoteIdent(name)} AS t`);
    stats.push({ table, rows: Number(row?.rows ?? 0), checksum: row?.checksum ?? "0" });
  }
  return stats;
}
