import { metricNames, sqsTelemetryBodySchema } from "@revolv/validators";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSqsTelemetryBody } from "./body-validator";

const recentDate = fc.date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true });
const isoTime = fc.oneof(
  { weight: 8, arbitrary: recentDate.map((d) => d.toISOString()) },
  recentDate.map((d) => d.toISOString().replace(".", ",")),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace("Z", "+05:30")),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19)),
  fc.constantFrom(
    "2024-02-29T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-01-01T24:00:00Z",
  ),
  fc.string({ maxLength: 30 }),
);

// Each metric's bounds and their neighbours, integers and fractions, text of every kind.
const value = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 3 }) },
  fc.constantFrom(0, 1, 2, 3, 4, -1, 0.5, 100, 100.5, 101, 120, 121, -60, -61, -150, -151, 65_535, 65_536),
  fc.double(),
  fc.integer(),
  fc.constantFrom(2 ** 53, 2 ** 53 - 1, -(2 ** 53)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 34 }),
  // Around firmware_version's 32: in code points and in UTF-16 units.
  fc.constantFrom("", "😀".repeat(16), "😀".repeat(17), "x".repeat(32), "x".repeat(33)),
  fc.constant(null),
);

const reading = fc.record(
  {
    metric: fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom(...metricNames) },
      fc.string({ maxLength: 12 }),
    ),
    value,
    at: isoTime,
    unit: fc.string({ maxLength: 4 }),
  },
  { requiredKeys: ["metric", "value"] },
);

const nearlyValidBody = fc.record(
  {
    v: fc.oneof({ weight: 8, arbitrary: fc.constant(1) }, fc.constantFrom(2, 0, "1", true)),
    messageId: fc.oneof(
      { weight: 5, arbitrary: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/) },
      fc.string({ maxLength: 70 }),
      fc.string({ unit: "binary", maxLength: 70 }),
      fc.constantFrom("", "a".repeat(64), "a".repeat(65), "a\n", "é"),
    ),
    deviceTime: isoTime,
    readings: fc.oneof(
      { weight: 8, arbitrary: fc.array(reading, { minLength: 1, maxLength: 3 }) },
      fc.constant([]),
      fc.array(fc.record({ metric: fc.constantFrom(...metricNames), value }, { requiredKeys: [] }), {
        maxLength: 2,
      }),
      fc.constant(Array.from({ length: 501 }, () => ({ metric: "jam", value: 0 }))),
      fc.constant(Array.from({ length: 500 }, () => ({ metric: "jam", value: 1 }))),
      fc.string(),
    ),
    deviceId: fc.oneof(
      { weight: 5, arbitrary: fc.uuid() },
      fc.uuid().map((id) => id.toUpperCase()),
      fc.constantFrom(
        "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "0f8fad5b-d9cb-469f-a165-70867728950e\n",
      ),
      fc.string({ maxLength: 40 }),
    ),
    receivedAt: fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: 1 }) },
      fc.constantFrom(0, -1, 1.5, 2 ** 53, 2 ** 53 - 1, "1"),
      fc.double(),
    ),
    extra: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: ["v", "messageId", "deviceTime", "readings", "deviceId", "receivedAt"] },
);

// Valid by construction (but for one edge), so that accepting is exercised as much as refusing.
const validReading = fc.constantFrom(...metricNames).chain((metric) =>
  fc.record(
    {
      metric: fc.constant(metric),
      value:
        metric === "firmware_version"
          ? fc.oneof(
              fc.string({ minLength: 1, maxLength: 32, unit: "grapheme" }),
              // 17 code points, 34 UTF-16 units: the validators must count string lengths alike.
              fc.constantFrom("😀".repeat(16), "😀".repeat(17)),
            )
          : metric === "signal_rssi_dbm"
            ? fc.integer({ min: -150, max: 0 })
            : fc.integer({ min: 0, max: 1 }),
      at: recentDate.map((d) => d.toISOString()),
    },
    { requiredKeys: ["metric", "value"] },
  ),
);
const validBody = fc.record({
  v: fc.constant(1),
  messageId: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/),
  deviceTime: recentDate.map((d) => d.toISOString()),
  readings: fc.array(validReading, { minLength: 1, maxLength: 4 }),
  deviceId: fc.uuid(),
  receivedAt: fc.integer({ min: 1 }),
});

// What a body is after the queue: JSON text parsed (no NaN, no undefined, no -0 oddities).
const body = fc
  .oneof(
    { weight: 8, arbitrary: validBody },
    { weight: 8, arbitrary: nearlyValidBody },
    nearlyValidBody.chain((b) =>
      fc
        .constantFrom(...Object.keys(b))
        .map((k) => Object.fromEntries(Object.entries(b).filter(([key]) => key !== k))),
    ),
    fc.jsonValue({ maxDepth: 3 }),
  )
  .map((b) => JSON.parse(JSON.stringify(b)) as unknown);

describe("the compiled SQS body validator", () => {
  it("accepts exactly the bodies the Zod schema accepts", () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(body, (candidate) => {
        const zodSays = sqsTelemetryBodySchema.safeParse(candidate).success;
        expect(isSqsTelemetryBody(candidate)).toBe(zodSays);
        if (zodSays) accepted += 1;
        else refused += 1;
      }),
      { numRuns: 3_000 },
    );
    // Both sides of the contract were exercised, not only one.
    expect(accepted).toBeGreaterThan(400);
    expect(refused).toBeGreaterThan(400);
  });
});
