import { z } from "zod";

/** Row count and an order-independent checksum of one table's rows. */
export const tableStatsSchema = z.object({
  table: z.string(),
  rows: z.number().int().nonnegative(),
  checksum: z.string(),
});
export type TableStats = z.infer<typeof tableStatsSchema>;

/**
 * A ClickHouse table's figures before and after BACKUP ran. Equal when nothing wrote during
 * the backup (`exact`): the restore must then match them exactly; otherwise the restored
 * count must lie between the two.
 */
export const clickhouseTableStatsSchema = tableStatsSchema.extend({
  exact: z.boolean(),
  rowsAfter: z.number().int().nonnegative(),
});

export const fileDigestSchema = z.object({
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FileDigest = z.infer<typeof fileDigestSchema>;

export const manifestSchema = z.object({
  format: z.literal(1),
  id: z.string(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  versions: z.object({
    node: z.string(),
    postgres: z.string(),
    clickhouse: z.string(),
    dumpTool: z.string(),
  }),
  postgres: z.object({
    engine: z.enum(["pg", "pglite"]),
    /** `pg_dump -Fc` (custom format) against a server, plain SQL from PGlite. */
    format: z.enum(["custom", "sql"]),
    dump: fileDigestSchema,
    tables: z.array(tableStatsSchema),
  }),
  clickhouse: z.object({
    engine: z.enum(["chdb", "http"]),
    database: z.string(),
    /** What `RESTORE … FROM` names: File('<dir>') or S3('<url>'). */
    location: z.string(),
    /** Every file ClickHouse wrote, when the backup is on a local disk. */
    files: z.array(fileDigestSchema),
    tables: z.array(clickhouseTableStatsSchema),
  }),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const manifestFileName = "manifest.json";
