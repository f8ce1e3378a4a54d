/**
 * The alarm vocabulary without Zod: the lists `alarm.ts` builds its schemas from. Client
 * components import this entry (`@revolv/validators/alarm-fields`) for filters and URL parsing,
 * so the alarm console's scripts do not carry Zod and every schema of the package just to list
 * four severities (as `device-fields` does for devices); the server validates every call anyway.
 */

export const alarmSeverities = ["critical", "major", "minor", "warning"] as const;

/** An alarm's place in its lifecycle; a (rule, device) pair that never fired has no status. */
export const alarmStatuses = ["active", "acknowledged", "cleared"] as const;

/** What the console filters on: `open` is active or acknowledged, what still needs someone. */
export const alarmStatusFilters = ["open", ...alarmStatuses] as const;

export const alarmTransitionKinds = ["raised", "acknowledged", "cleared"] as const;
