import { createDatabase, type DatabaseHandle } from "@revolv/db";
import { tempDir } from "@revolv/ingest/testing";
import { type PostgresServer, startPostgresServer } from "@revolv/postgres-server";
import { type SqsEmulator, type SqsEmulatorOptions, startSqsEmulator } from "@revolv/queue/emulator";
import { afterAll, beforeAll } from "vitest";
import type { WorkerProcess } from "./worker-process";

/** What a process-level fault test stands on, set once its `beforeAll` has run. */
export interface WorkerStage {
  postgres: PostgresServer;
  database: DatabaseHandle;
  emulator: SqsEmulator;
  temp: ReturnType<typeof tempDir>;
  /** Every worker the test starts; those still running are killed after the file. */
  workers: WorkerProcess[];
}

/**
 * The stage for workers run as their own processes: a real Postgres server (a PGlite
 * directory cannot be shared between processes), migrated; the fauxqs emulator in this
 * process (it outlives the workers, as SQS does); a data directory only the workers open.
 */
export function useWorkerStage(name: string, emulatorOptions: Omit<SqsEmulatorOptions, "port">): WorkerStage {
  const stage = { temp: tempDir(name), workers: [] as WorkerProcess[] } as WorkerStage;
  beforeAll(async () => {
    stage.postgres = await startPostgresServer();
    stage.database = createDatabase({ kind: "pg", url: stage.postgres.url });
    await stage.database.migrate();
    stage.emulator = await startSqsEmulator({ port: 0, ...emulatorOptions });
  });
  afterAll(async () => {
    for (const worker of stage.workers) if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
    await stage.emulator?.stop();
    await stage.database?.close();
    await stage.postgres?.stop();
    stage.temp.cleanup();
  });
  return stage;
}
