import { randomUUID } from "node:crypto";
import { signIn, TRPCClientError } from "@revolv/client";
import { startFleet } from "../fleet/fleet";
import { CredentialStore, ensureSimulatedDevices } from "../fleet/registry";
import { parseSimulateArgs, usage } from "./args";
import { startProgress } from "./progress";

const log = (line: string) => console.log(`[simulate] ${line}`);

const args = parseSimulateArgs(process.argv.slice(2), process.env);
if ("error" in args) {
  if (args.error) console.error(`[simulate] ${args.error}\n`);
  console.error(usage);
  process.exit(args.error ? 1 : 0);
}

try {
  const { client } = await signIn({ url: args.url, login: args.login, password: args.password });
  const store = await CredentialStore.open(args.credentialsFile, args.url);
  const devices = await ensureSimulatedDevices(client, {
    count: args.devices,
    types: args.types,
    store,
    log,
  });
  log(
    `${devices.length} devices → ${args.mqtt} at ${args.rate} msg/s each (${Math.round(devices.length * args.rate)} msg/s)`,
  );

  const fleet = startFleet({
    mqttUrl: args.mqtt,
    devices,
    ratePerDevice: args.rate,
    runId: randomUUID().slice(0, 8),
    scenario: args.scenario,
  });
  if (args.scenario) log(`scenario: ${args.scenario}`);
  const progress = startProgress(fleet.stats, devices.length);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await fleet.stop();
    progress.stop();
    process.exit(fleet.stats.failed > 0 ? 1 : 0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  if (args.duration > 0) setTimeout(() => void stop(), args.duration * 1000);
} catch (error) {
  // A wrong password, a missing permission or a server that is not running: one line, no stack.
  console.error(`[simulate] cannot start: ${describe(error)}`);
  process.exit(1);
}

/** The error and its causes on one line, e.g. "fetch failed: connect ECONNREFUSED 127.0.0.1:3000". */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  const status = error instanceof TRPCClientError ? error.data?.httpStatus : undefined;
  return `${parts.join(": ")}${status ? ` (HTTP ${status})` : ""}`;
}
