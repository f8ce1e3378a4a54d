/**
 * `pnpm chaos:ingest [--messages 20000] [--kills 40] [--rate 500]`: the chaos test, longer.
 * Progress goes to stderr; the last line on stdout is one JSON object.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { runChaos } from "../test/chaos";

const { values } = parseArgs({
  options: {
    messages: { type: "string" },
    kills: { type: "string" },
    rate: { type: "string" },
    devices: { type: "string" },
  },
});
const args = z
  .object({
    messages: z.coerce.number().int().min(10).default(20_000),
    kills: z.coerce.number().int().min(0).default(40),
    rate: z.coerce.number().positive().default(500),
    devices: z.coerce.number().int().min(1).max(1_000).default(20),
  })
  .parse(values);

const result = await runChaos({ ...args, log: (line) => console.error(`[chaos] ${line}`) });
const rollupMismatches = Object.values(result.rollupMismatches).reduce((sum, n) => sum + n, 0);
console.log(JSON.stringify({ ...result, rollupMismatchesTotal: rollupMismatches }));
process.exit(result.lost + result.duplicated + rollupMismatches === 0 ? 0 : 1);
