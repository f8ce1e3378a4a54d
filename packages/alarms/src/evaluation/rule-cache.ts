import type { Database } from "@revolv/db/client";
import { alarmRules } from "@revolv/db/schema";
import { eq } from "drizzle-orm";
import type { AlarmRuleRow } from "../transitions";

/**
 * The enabled rules, re-read at most every `ttlMs`: rules change rarely and every batch needs
 * them. A rule saved in the API is in force within that time.
 */
export class RuleCache {
  #rules: AlarmRuleRow[] = [];
  #loadedAt = Number.NEGATIVE_INFINITY;
  #loading: Promise<AlarmRuleRow[]> | undefined;

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 2_000,
  ) {}

  async enabled(): Promise<AlarmRuleRow[]> {
    if (Date.now() - this.#loadedAt < this.ttlMs) return this.#rules;
    this.#loading ??= this.db
      .select()
      .from(alarmRules)
      .where(eq(alarmRules.enabled, true))
      .then((rules) => {
        this.#rules = rules;
        this.#loadedAt = Date.now();
        return rules;
      })
      .finally(() => {
        this.#loading = undefined;
      });
    return this.#loading;
  }
}
