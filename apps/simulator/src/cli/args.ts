import path from "node:path";
import { parseArgs } from "node:util";
import { deviceScenarios } from "@revolv/device-model";
import { deviceTypeSchema, formatIssues } from "@revolv/validators";
import { z } from "zod";

const repoRoot = path.resolve(import.meta.dirname, "../../../..");

const simulateArgsSchema = z.object({
  devices: z.coerce.number().int().min(1).max(20_000).default(50),
  /** Messages per second per device. */
  rate: z.coerce.number().positive().max(100).default(1),
  types: z
    .string()
    .default("rvm,soundbox")
    .transform((v) => v.split(",").map((t) => t.trim()))
    .pipe(z.array(deviceTypeSchema).min(1)),
  /** Seconds to run; 0 runs until Ctrl-C. */
  duration: z.coerce.number().min(0).default(0),
  url: z.url().default("http://localhost:3000"),
  mqtt: z.url().default("mqtt://localhost:1883"),
  login: z.string().min(1).default("admin"),
  password: z
    .string()
    .min(1, "set REVOLV_PASSWORD or --password (the admin password printed at first start)"),
  credentialsFile: z.string().default(path.join(repoRoot, ".data", "simulator", "credentials.json")),
  /** Scripted trouble for every device (see @revolv/device-model); unset, the usual random life. */
  scenario: z.enum(deviceScenarios).optional(),
});
export type SimulateArgs = z.infer<typeof simulateArgsSchema>;

export const usage = `Usage: pnpm simulate [options]

  --devices <n>     simulated devices (default 50); existing simulator devices are reused
  --rate <n>        messages per second per device (default 1)
  --types <list>    rvm,soundbox (default both, dealt round-robin)
  --duration <s>    stop after this many seconds (default: run until Ctrl-C)
  --url <url>       the web app (default http://localhost:3000)
  --mqtt <url>      the MQTT broker (default mqtt://localhost:1883)
  --login <name>    user with device:create and device:credentials (default admin; REVOLV_LOGIN)
  --password <pw>   that user's password (REVOLV_PASSWORD)
  --scenario <s>    scripted trouble for every device: jam (an RVM's intake jams at its 3rd
                    message), fill (an RVM's PET bin fills past 90 %, then is emptied) or
                    silence (a device stops publishing after 5 messages, connection kept)
`;

/** Flags win over the environment; both are validated once, with one line per bad value. */
export function parseSimulateArgs(
  argv: string[],
  env: Record<string, string | undefined>,
): SimulateArgs | { error: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        devices: { type: "string" },
        rate: { type: "string" },
        types: { type: "string" },
        duration: { type: "string" },
        url: { type: "string" },
        mqtt: { type: "string" },
        login: { type: "string" },
        password: { type: "string" },
        scenario: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { error: "" };
  const parsed = simulateArgsSchema.safeParse({
    ...values,
    login: values.login ?? env.REVOLV_LOGIN,
    password: values.password ?? env.REVOLV_PASSWORD ?? "",
    url: values.url ?? env.REVOLV_URL,
    mqtt: values.mqtt ?? env.REVOLV_MQTT_URL,
    ...(env.DATA_DIR && { credentialsFile: path.join(env.DATA_DIR, "simulator", "credentials.json") }),
  });
  return parsed.success ? parsed.data : { error: formatIssues(parsed.error) };
}
