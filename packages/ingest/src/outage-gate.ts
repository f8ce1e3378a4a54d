import { setTimeout as sleep } from "node:timers/promises";

export interface OutageGateOptions {
  /** Resolves true once ClickHouse answers again. */
  probe: () => Promise<boolean>;
  /** Probes come at intervals doubling from 500 ms up to this. */
  backoffMaxMs: number;
  /** Aborted when the worker stops: probing ends with it. */
  signal: AbortSignal;
  log: (line: string) => void;
  /** Waits between probes; replaced in tests to follow the backoff without waiting it out. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const firstDelayMs = 500;

/**
 * Closed by a failed insert, open again once ClickHouse answers. Consumers do not receive
 * while it is closed: messages already received come back after the visibility timeout and
 * wait on the queue, instead of being received, failed and received again until SQS
 * dead-letters them. The first probe after a run of failures waits longer each time.
 */
export class ClickHouseOutageGate {
  readonly #probe: () => Promise<boolean>;
  readonly #backoffMaxMs: number;
  readonly #signal: AbortSignal;
  readonly #log: (line: string) => void;
  readonly #wait: (ms: number, signal: AbortSignal) => Promise<void>;
  #down = false;
  #recovering = false;
  #consecutiveFailures = 0;

  constructor({ probe, backoffMaxMs, signal, log, wait = waitUnlessAborted }: OutageGateOptions) {
    this.#probe = probe;
    this.#backoffMaxMs = backoffMaxMs;
    this.#signal = signal;
    this.#log = log;
    this.#wait = wait;
  }

  /** Receiving may go on. */
  get open(): boolean {
    return !this.#down;
  }

  insertSucceeded(): void {
    this.#consecutiveFailures = 0;
  }

  /**
   * Closes the gate and probes ClickHouse until it answers (or the worker stops). The returned
   * promise is that probing; a failure while probing already runs joins it.
   */
  insertFailed(): Promise<void> {
    this.#consecutiveFailures += 1;
    this.#down = true;
    return this.#awaitClickHouse();
  }

  async #awaitClickHouse(): Promise<void> {
    if (this.#recovering) return;
    this.#recovering = true;
    let delayMs = Math.min(
      this.#backoffMaxMs,
      firstDelayMs * 2 ** Math.max(0, this.#consecutiveFailures - 1),
    );
    while (!this.#signal.aborted) {
      await this.#wait(delayMs, this.#signal);
      if (this.#signal.aborted) break;
      if (await this.#probe()) {
        this.#down = false;
        this.#log("clickhouse answers again, receiving resumes");
        break;
      }
      delayMs = Math.min(this.#backoffMaxMs, delayMs * 2);
    }
    this.#recovering = false;
  }
}

function waitUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).catch(() => {});
}
