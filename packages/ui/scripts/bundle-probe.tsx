/**
 * What a page of the web app would import from @revolv/ui, for `pnpm size`: every component,
 * with the charts through their lazy entry (as pages use them), so the build splits the chart
 * code into its own chunk exactly as the app's bundler would.
 */
import { createRoot } from "react-dom/client";
import "../src/styles.css";
import { AlarmSeverityBadge } from "../src/alarms/alarm-severity-badge";
import { BarChart, TimeSeriesChart } from "../src/charts/lazy";
import { Combobox } from "../src/command/combobox";
import { CommandPalette } from "../src/command/command-palette";
import { SecretField } from "../src/credentials/secret-field";
import { DataTableColumnVisibility } from "../src/data-table/column-visibility";
import { DataTable } from "../src/data-table/data-table";
import { DataTableFacetedFilter } from "../src/data-table/faceted-filter";
import { selectionColumn } from "../src/data-table/selection-column";
import { ConnectivityBadge, DeviceStatusBadge } from "../src/devices/device-status-badge";
import { DeviceForm } from "../src/forms/device-form";
import { KpiCard } from "../src/metrics/kpi-card";
import * as alertDialog from "../src/primitives/alert-dialog";
import * as avatar from "../src/primitives/avatar";
import * as breadcrumb from "../src/primitives/breadcrumb";
import * as card from "../src/primitives/card";
import * as checkbox from "../src/primitives/checkbox";
import * as dialog from "../src/primitives/dialog";
import * as dropdown from "../src/primitives/dropdown-menu";
import * as popover from "../src/primitives/popover";
import * as radio from "../src/primitives/radio-group";
import * as select from "../src/primitives/select";
import * as sheet from "../src/primitives/sheet";
import * as switchPrimitive from "../src/primitives/switch";
import * as tabs from "../src/primitives/tabs";
import * as textarea from "../src/primitives/textarea";
import * as toaster from "../src/primitives/toaster";
import * as tooltip from "../src/primitives/tooltip";
import { AppShell } from "../src/shell/app-shell";
import { ThemeToggle } from "../src/shell/theme-toggle";
import { UserMenu } from "../src/shell/user-menu";
import { TimeRangePicker } from "../src/time/time-range-picker";

// Referenced so nothing is tree-shaken away: the probe measures the whole package.
const everything = {
  Combobox,
  CommandPalette,
  SecretField,
  DataTable,
  DataTableColumnVisibility,
  DataTableFacetedFilter,
  selectionColumn,
  ConnectivityBadge,
  DeviceStatusBadge,
  AlarmSeverityBadge,
  DeviceForm,
  KpiCard,
  AppShell,
  ThemeToggle,
  UserMenu,
  TimeRangePicker,
  alertDialog,
  avatar,
  breadcrumb,
  card,
  checkbox,
  dialog,
  dropdown,
  popover,
  radio,
  select,
  sheet,
  switchPrimitive,
  tabs,
  textarea,
  toaster,
  tooltip,
};
(globalThis as { revolvUi?: unknown }).revolvUi = everything;

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <>
      <TimeSeriesChart label="probe" data={{ timestamps: [], values: [] }} />
      <BarChart label="probe" data={[]} />
    </>,
  );
