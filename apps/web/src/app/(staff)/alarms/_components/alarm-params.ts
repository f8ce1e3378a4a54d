import type { ListAlarmsInput } from "@revolv/validators";
import { alarmSeverities, alarmStatusFilters } from "@revolv/validators/alarm-fields";
import {
  createLoader,
  type inferParserType,
  parseAsInteger,
  parseAsNumberLiteral,
  parseAsString,
  parseAsStringLiteral,
} from "nuqs/server";

export const alarmPageSizes = [25, 50, 100] as const;

/**
 * The console's view, all of it in the URL (a shared link shows the same alarms). The server page
 * and the client table read it through these same parsers, so the prefetched query is the one the
 * client asks for. Without a status the console shows open alarms: what needs someone.
 */
export const alarmListParams = {
  status: parseAsStringLiteral([...alarmStatusFilters, "all"] as const).withDefault("open"),
  severity: parseAsStringLiteral(alarmSeverities),
  site: parseAsString.withDefault(""),
  rule: parseAsString.withDefault(""),
  /** One device's alarms: the device page's Alarms tab links here with it. */
  device: parseAsString.withDefault(""),
  page: parseAsInteger.withDefault(1),
  size: parseAsNumberLiteral(alarmPageSizes).withDefault(25),
};

export type AlarmListView = inferParserType<typeof alarmListParams>;

export const loadAlarmListView = createLoader(alarmListParams);

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `alarms.list` input of a view; a hand-edited rule or device id that is no id is ignored, not a 400. */
export function alarmListInputOf(view: AlarmListView): ListAlarmsInput {
  return {
    page: Math.max(1, view.page),
    pageSize: view.size,
    ...(view.status !== "all" && { status: view.status }),
    ...(view.severity && { severity: view.severity }),
    ...(view.site.trim() && { site: view.site.trim() }),
    ...(uuid.test(view.rule) && { ruleId: view.rule }),
    ...(uuid.test(view.device) && { deviceId: view.device }),
  };
}
