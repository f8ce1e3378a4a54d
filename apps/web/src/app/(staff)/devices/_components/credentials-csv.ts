import type { AppRouter } from "@revolv/api";
import type { inferRouterOutputs } from "@trpc/server";

type ImportedDevice = inferRouterOutputs<AppRouter>["devices"]["importCommit"]["created"][number];

const columns = ["id", "type", "serialNumber", "name", "credential"] as const;

/**
 * One RFC 4180 cell, with a leading `'` on text a spreadsheet would run as a formula (the
 * export's rule in packages/api; that module is server code, this file is the browser's).
 */
function cell(text: string) {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The new devices' MQTT credentials as CSV: the device signs in with its id and this credential. */
export function credentialsCsv(created: ImportedDevice[]): string {
  return [columns, ...created.map((device) => columns.map((column) => device[column]))]
    .map((record) => `${record.map(cell).join(",")}\r\n`)
    .join("");
}

/** Hands a text to the browser as a file download, from memory: it never passes a server again. */
export function downloadText(text: string, filename: string, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
