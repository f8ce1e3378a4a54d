import { setTimeout as sleep } from "node:timers/promises";
import type { ClickHouseClient } from "@clickhouse/client";
import type { Database } from "@revolv/db/client";
import { errorText } from "../error-text";
import type { IngestMetrics } from "../metrics";
import { relayDeviceEventOutbox } from "./outbox-relay";
import { type InactivityTimeouts, sweepInactiveDevices } from "./sweep";

export interface ConnectivityLoopOptions {
  db: Database;
  clickhouse: ClickHouseClient;
  timeouts: InactivityTimeouts;
  intervalMs: number;
  metrics: IngestMetrics;
  signal: AbortSignal;
  log: (line: string) => void;
}

/**
 * Every `intervalMs`: the inactivity sweep (one instance of all that run it does the work),
 * then the outbox relay until the outbox is empty. A failure is logged and retried next time;
 * nothing is lost, since both work from what Postgres holds.
 */
export async function runConnectivityLoop(options: ConnectivityLoopOptions): Promise<void> {
  const { db, clickhouse, timeouts, intervalMs, metrics, signal, log } = options;
  while (!signal.aborted) {
    try {
      const sweep = await sweepInactiveDevices(db, timeouts);
      if (sweep.swept && sweep.wentOffline.length > 0) {
        metrics.wentOffline += sweep.wentOffline.length;
        log(`connectivity: ${sweep.wentOffline.length} device(s) went offline`);
      }
      for (;;) {
        const relayed = await relayDeviceEventOutbox(db, clickhouse);
        metrics.insertedEvents += relayed.inserted;
        if (relayed.moved === 0 || signal.aborted) break;
      }
    } catch (error) {
      log(`connectivity sweep failed, retried in ${intervalMs} ms: ${errorText(error)}`);
    }
    await sleep(intervalMs, undefined, { signal }).catch(() => {});
  }
}
