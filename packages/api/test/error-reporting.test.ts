import { createClient } from "@clickhouse/client";
import { initErrorReporting } from "@revolv/observability/sentry";
import { type ReceivedEnvelope, startEnvelopeReceiver } from "@revolv/observability/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiStack, openApiStack } from "./api-stack";
import { createHttpCaller } from "./http-requests";

const eventsOf = (envelopes: ReceivedEnvelope[]) =>
  envelopes.flatMap((e) =>
    e.items.filter((item) => item.header.type === "event").map((item) => item.payload),
  );

describe("errors we cause reach Sentry when SENTRY_DSN is set", () => {
  let stack: ApiStack;
  let receiver: Awaited<ReturnType<typeof startEnvelopeReceiver>>;

  beforeAll(async () => {
    receiver = await startEnvelopeReceiver();
    initErrorReporting({ dsn: receiver.dsn, service: "web", environment: "test" });
    stack = await openApiStack("error-reporting");
  });
  afterAll(async () => {
    await stack?.close();
    await receiver?.close();
  });

  it("sends an error thrown in a tRPC procedure as an envelope tagged with the request id, without PII", async () => {
    const authorization = await stack.bearer("admin");
    const http = createHttpCaller(stack.services, () => {});
    const created = await http.rest(
      "POST",
      "/devices",
      { type: "rvm", serialNumber: "RVM-SENTRY-1", name: "Sentry", site: "Lab", tags: [] },
      { authorization },
    );
    const { device } = (await created.json()) as { device: { id: string } };

    // A real ClickHouse client pointed at a port where nothing listens: the procedure's query fails.
    const unreachable = createClient({ url: "http://127.0.0.1:1", request_timeout: 2_000 });
    const broken = createHttpCaller({ ...stack.services, clickhouse: unreachable }, () => {});
    const response = await broken.trpcQuery(
      "telemetry.latest",
      { deviceId: device.id },
      {
        authorization,
        headers: { "x-request-id": "req-sentry-1", cookie: "next-auth.session-token=secret" },
      },
    );
    expect(response.status).toBe(500);
    await unreachable.close();

    const deadline = Date.now() + 30_000;
    while (eventsOf(receiver.envelopes).length === 0) {
      if (Date.now() > deadline) throw new Error("no event envelope reached the receiver within 30 s");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [event] = eventsOf(receiver.envelopes) as {
      tags?: Record<string, string>;
      exception?: { values: { value: string }[] };
      user?: unknown;
      request?: unknown;
    }[];
    expect(event?.tags).toMatchObject({
      request_id: "req-sentry-1",
      procedure: "telemetry.latest",
      service: "web",
    });
    expect(event?.exception?.values.length).toBeGreaterThan(0);
    expect(event?.user).toBeUndefined();
    const raw = JSON.stringify(receiver.envelopes);
    expect(raw).not.toContain("secret");
    expect(raw).not.toContain(authorization.slice("Bearer ".length));
  });
});
