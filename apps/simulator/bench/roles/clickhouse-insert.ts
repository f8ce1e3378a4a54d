/**
 * ClickHouse alone: batch INSERTs of pipeline-shaped rows into the real schema (materialized
 * projections and views included) in a fresh chDB directory, at the worker's flush size.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDeviceModel } from "@revolv/device-model";
import {
  createClickHouse,
  insertReadings,
  migrateClickHouse,
  type ReadingRow,
  readingRowsFrom,
} from "@revolv/telemetry";
import { tell } from "../processes";

const batchRows = Number(process.env.INGEST_FLUSH_ROWS ?? 20_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const readingsPerMessage = Number(process.env.BENCH_READINGS ?? 3);
const dir = mkdtempSync(path.join(tmpdir(), "revolv-bench-ch-"));
const clickhouse = createClickHouse({ kind: "chdb", dataDir: dir });
await migrateClickHouse(clickhouse.client);

// Realistic batches prepared up front, so the timing covers the INSERT alone.
const devices = Array.from({ length: 1_000 }, () => randomUUID());
const models = devices.map((id) => createDeviceModel(id, "rvm", "bench"));
function batch(startMs: number): ReadingRow[] {
  const rows: ReadingRow[] = [];
  for (let i = 0; rows.length < batchRows; i++) {
    const message = (models[i % models.length] as ReturnType<typeof createDeviceModel>).nextMessage(
      startMs + i,
    );
    message.readings = message.readings.slice(0, readingsPerMessage);
    const deviceId = devices[i % devices.length] as string;
    rows.push(...readingRowsFrom({ ...message, deviceId, receivedAt: startMs + i }, "rvm"));
  }
  return rows;
}
const batches = Array.from({ length: 8 }, (_, i) => batch(Date.now() - 60_000 + i * 1_000));

tell({ type: "ready" });
let rows = 0;
const started = performance.now();
for (let i = 0; performance.now() - started < seconds * 1000; i++) {
  const next = batches[i % batches.length] as ReadingRow[];
  await insertReadings(clickhouse.client, next);
  rows += next.length;
}
const elapsed = (performance.now() - started) / 1000;
await clickhouse.close();
rmSync(dir, { recursive: true, force: true });
tell({ type: "stopped", rows, seconds: elapsed });
