/**
 * A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP),
 * so exported text gets a leading `'`, which spreadsheets show as text. Import strips that
 * quote again, so an export imports back unchanged.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

export function restoreNeutralised(text: string): string {
  return text.startsWith("'") && formulaStart.test(text.slice(1)) ? text.slice(1) : text;
}

/** Tags travel in one cell, separated by spaces or semicolons; export writes `;`. */
export const joinTags = (tags: readonly string[]) => tags.join(";");
export const splitTags = (cell: string) => cell.split(/[;\s]+/).filter((tag) => tag !== "");
