import { describe, expect, it } from "vitest";
import { ClickHouseOutageGate } from "./outage-gate";

/**
 * A gate whose probe answers from a script (false = still down) and whose waits are recorded
 * and skipped, so the backoff can be read without waiting it out.
 */
function gateWith(answers: boolean[], backoffMaxMs = 30_000) {
  const waits: number[] = [];
  const logs: string[] = [];
  const stopping = new AbortController();
  let probes = 0;
  const gate = new ClickHouseOutageGate({
    probe: async () => {
      probes += 1;
      const answer = answers.shift();
      if (answer === undefined) throw new Error("the test ran out of probe answers");
      return answer;
    },
    backoffMaxMs,
    signal: stopping.signal,
    log: (line) => logs.push(line),
    wait: async (ms) => {
      waits.push(ms);
    },
  });
  return { gate, waits, logs, stopping, probes: () => probes };
}

describe("the ClickHouse outage gate", () => {
  it("starts open and stays open through successful inserts", () => {
    const { gate } = gateWith([]);
    gate.insertSucceeded();
    expect(gate.open).toBe(true);
  });

  it("closes on a failed insert and opens once a probe finds ClickHouse answering", async () => {
    const { gate, logs } = gateWith([false, false, true]);
    const probing = gate.insertFailed();
    expect(gate.open).toBe(false);
    await probing;
    expect(gate.open).toBe(true);
    expect(logs).toEqual(["clickhouse answers again, receiving resumes"]);
  });

  it("probes at intervals doubling from 500 ms, capped at the maximum", async () => {
    const { gate, waits } = gateWith([false, false, false, false, false, true], 5_000);
    await gate.insertFailed();
    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it("waits longer before the first probe after each further failure, until an insert succeeds", async () => {
    const { gate, waits } = gateWith([true, true, true, true]);
    await gate.insertFailed();
    await gate.insertFailed();
    await gate.insertFailed();
    expect(waits).toEqual([500, 1_000, 2_000]);
    gate.insertSucceeded();
    await gate.insertFailed();
    expect(waits.at(-1)).toBe(500);
  });

  it("runs one probe loop at a time: a failure while probing joins it", async () => {
    const { gate, probes } = gateWith([false, true]);
    const first = gate.insertFailed();
    const second = gate.insertFailed();
    await Promise.all([first, second]);
    expect(probes()).toBe(2);
    expect(gate.open).toBe(true);
  });

  it("stops probing when the worker stops, leaving the gate closed", async () => {
    const { gate, stopping, probes } = gateWith([false, false, false]);
    stopping.abort();
    await gate.insertFailed();
    expect(probes()).toBe(0);
    expect(gate.open).toBe(false);
  });
});
