import type { TableStats } from "../manifest";
import type { ClickHouseEngine } from "./engine";

const quoteIdent = (name: string) => `\`${name.replaceAll("\\", "\\\\").replaceAll("`", "\\`")}\``;

/**
 * Row count and checksum (the sum of each row's cityHash64, order-independent) of every table
 * that holds data. Tables whose engine merges rows (Replacing, Summing…) are read FINAL: a
 * background merge after the backup or the restore changes their part count, never their
 * merged content.
 */
export async function clickhouseTableStats(
  engine: ClickHouseEngine,
  database: string,
): Promise<TableStats[]> {
  const tables = await engine.rows<{ name: string; engine: string }>(
    `SELECT name, engine FROM system.tables WHERE database = '${database.replaceAll("'", "\\'")}'
       AND engine NOT IN ('View', 'MaterializedView', 'Dictionary', 'LiveView') ORDER BY name`,
  );
  const stats: TableStats[] = [];
  for (const table of tables) {
    const final = /(Replacing|Summing|Aggregating|Collapsing|Graphite)MergeTree/.test(table.engine)
      ? " FINAL"
      : "";
    const [row] = await engine.rows<{ rows: string | number; checksum: string }>(
      `SELECT count() AS rows, toString(sum(cityHash64(*))) AS checksum
       FROM ${quoteIdent(database)}.${quoteIdent(table.name)}${final}`,
    );
    stats.push({ table: table.name, rows: Number(row?.rows ?? 0), checksum: row?.checksum ?? "0" });
  }
  return stats;
}
