import { timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import {
  Counter,
  type CounterConfiguration,
  collectDefaultMetrics,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  Registry,
} from "prom-client";

export { Counter, Gauge, Histogram, Registry };

/**
 * The process's one registry: the web app, the broker and the worker register on it, so the
 * embedded stack (all of them in one process) serves them in one scrape, and a standalone worker
 * serves its own. Metrics are named by Prometheus conventions (`_total`, `_seconds`, base units)
 * and, where one exists, after the OpenTelemetry semantic convention (`http.server.request.duration`
 * → `http_server_request_duration_seconds`), so an OTLP exporter later changes no dashboard.
 */
interface ProcessMetricsState {
  registry: Registry;
  defaultsCollected: boolean;
  tallySources: WeakMap<Counter<string>, Set<() => Iterable<TallyReading<string>>>>;
  gaugeSources: WeakMap<Gauge<string>, Set<() => number>>;
}

// The web server (run by tsx) and Next.js's bundle of the route handlers hold separate copies of
// this module in one process; the state lives under a registered symbol so both copies find the
// same registry, as apps/web/src/server/services.ts does for the engines.
const stateKey = Symbol.for("revolv.metrics");
const holder = globalThis as { [stateKey]?: ProcessMetricsState };
holder[stateKey] ??= {
  registry: new Registry(),
  defaultsCollected: false,
  tallySources: new WeakMap(),
  gaugeSources: new WeakMap(),
};
const state = holder[stateKey];

export const metricsRegistry: Registry = state.registry;

/** Node's process metrics (CPU, memory, event loop lag, GC), once per process. */
export function collectProcessMetrics(registry: Registry = metricsRegistry): void {
  if (registry === metricsRegistry) {
    if (state.defaultsCollected) return;
    state.defaultsCollected = true;
  }
  collectDefaultMetrics({ register: registry });
}

/**
 * Get-or-create: a second worker or broker in the same process (tests, the embedded stack after a
 * restart of one part) shares the metric instead of failing on a duplicate name.
 */
function registered<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

export function counter<L extends string>(
  config: Omit<CounterConfiguration<L>, "registers">,
  registry: Registry = metricsRegistry,
): Counter<L> {
  return registered(registry, config.name, () => new Counter({ ...config, registers: [registry] }));
}

export function gauge<L extends string>(
  config: Omit<GaugeConfiguration<L>, "registers">,
  registry: Registry = metricsRegistry,
): Gauge<L> {
  return registered(registry, config.name, () => new Gauge({ ...config, registers: [registry] }));
}

export function histogram<L extends string>(
  config: Omit<HistogramConfiguration<L>, "registers">,
  registry: Registry = metricsRegistry,
): Histogram<L> {
  return registered(registry, config.name, () => new Histogram({ ...config, registers: [registry] }));
}

/** OpenTelemetry's recommended buckets for `http.server.request.duration` and RPC durations (s). */
export const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

export type TallyReading<L extends string> = [labels: Partial<Record<L, string>>, value: number];

/** A counter read from tallies at scrape time; `add` one source per worker or broker. */
export interface TallyCounter<L extends string> {
  add(read: () => Iterable<TallyReading<L>>): void;
}

const { tallySources, gaugeSources } = state;

/**
 * A counter whose value is read from plain numbers the hot path bumps, at scrape time, so counting
 * costs the hot path one addition. The sources are summed: several workers in one process add up,
 * as one process's counter should, and a stopped one keeps its last value (counters never go back).
 */
export function tallyCounter<L extends string>(
  config: Omit<CounterConfiguration<L>, "registers" | "collect">,
  registry: Registry = metricsRegistry,
): TallyCounter<L> {
  const metric = registered(registry, config.name, () => {
    const sources = new Set<() => Iterable<TallyReading<L>>>();
    const created: Counter<L> = new Counter<L>({
      ...config,
      registers: [registry],
      collect() {
        this.reset();
        for (const read of sources)
          for (const [labels, value] of read()) if (value > 0) this.inc(labels, value);
      },
    });
    tallySources.set(created as Counter<string>, sources as Set<() => Iterable<TallyReading<string>>>);
    return created;
  });
  const sources = tallySources.get(metric as Counter<string>);
  if (!sources) throw new Error(`metric ${config.name} is registered, but not as a tally counter`);
  return { add: (read) => sources.add(read as () => Iterable<TallyReading<string>>) };
}

/**
 * A gauge read at scrape time from whoever holds the number (a broker's connected devices, a
 * worker's buffer), summed over the live sources; `add` returns the function that removes one.
 */
export function tallyGauge(
  config: Omit<GaugeConfiguration<string>, "registers" | "collect" | "labelNames">,
  registry: Registry = metricsRegistry,
): { add(read: () => number): () => void } {
  const metric = registered(registry, config.name, () => {
    const sources = new Set<() => number>();
    const created: Gauge<string> = new Gauge({
      ...config,
      registers: [registry],
      collect() {
        let sum = 0;
        for (const read of sources) sum += read();
        this.set(sum);
      },
    });
    gaugeSources.set(created, sources);
    return created;
  });
  const sources = gaugeSources.get(metric);
  if (!sources) throw new Error(`metric ${config.name} is registered, but not as a tally gauge`);
  return {
    add(read) {
      sources.add(read);
      return () => sources.delete(read);
    },
  };
}

/** The text exposition of a registry, with its content type, for a `/metrics` answer. */
export async function exposition(
  registry: Registry = metricsRegistry,
): Promise<{ body: string; contentType: string }> {
  return { body: await registry.metrics(), contentType: registry.contentType };
}

/**
 * `Authorization: Bearer <METRICS_TOKEN>` when a token is configured; open otherwise (a scrape on a
 * private network). Compared in constant time.
 */
export function metricsAuthorized(
  authorization: string | null | undefined,
  token: string | undefined,
): boolean {
  if (!token) return true;
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(authorization ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A process's own `/metrics` endpoint (the standalone worker), on `port` (0 for a free one).
 * Resolves with the bound port and a close function.
 */
export async function serveMetrics({
  port,
  host = "0.0.0.0",
  token,
  registry = metricsRegistry,
}: {
  port: number;
  host?: string;
  token?: string | undefined;
  registry?: Registry;
}): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if ((req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404).end("only /metrics here\n");
      return;
    }
    if (!metricsAuthorized(req.headers.authorization, token)) {
      res.writeHead(401, { "www-authenticate": 'Bearer realm="metrics"' }).end();
      return;
    }
    exposition(registry).then(
      ({ body, contentType }) => res.writeHead(200, { "content-type": contentType }).end(body),
      (error: unknown) =>
        res.writeHead(500).end(`${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
