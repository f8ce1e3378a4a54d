import { createLoader, parseAsStringLiteral } from "nuqs/server";

export const deviceTabs = ["overview", "events", "alarms", "activity"] as const;
export type DeviceTab = (typeof deviceTabs)[number];

/**
 * The device page's tab in the URL (`?tab=alarms`), so a reload, the back button or a shared link
 * open the same tab. The server page reads it through the same parser to prefetch that tab.
 */
export const deviceTabParams = {
  tab: parseAsStringLiteral(deviceTabs).withDefault("overview"),
};

export const loadDeviceTab = createLoader(deviceTabParams);
