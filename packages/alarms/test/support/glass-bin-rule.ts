import { randomUUID } from "node:crypto";
import type { Database } from "@revolv/db/client";
import { alarmRules } from "@revolv/db/schema";
import { SecretBox } from "../../src/index";

/**
 * The rule these tests judge readings with: glass bin above 80 % for `forSeconds`, with one
 * webhook channel that is never called (a raise queues its delivery) unless `channels: false`.
 */
export async function insertGlassBinRule(
  db: Database,
  { name, forSeconds, channels = true }: { name: string; forSeconds: number; channels?: boolean },
): Promise<string> {
  const [rule] = await db
    .insert(alarmRules)
    .values({
      name,
      severity: "major",
      condition: {
        kind: "threshold",
        metric: "bin_fill_glass_pct",
        operator: "above",
        threshold: 80,
        forSeconds,
      },
      channels: channels
        ? [
            {
              kind: "webhook",
              id: randomUUID(),
              url: "http://127.0.0.1:9/unused",
              secretCiphertext: new SecretBox("k".repeat(32)).seal("s".repeat(16)),
            },
          ]
        : [],
    })
    .returning({ id: alarmRules.id });
  return rule?.id as string;
}
