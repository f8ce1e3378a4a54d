import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { takeBackup } from "../src/backup";
import { BackupError, ConfigurationError, parseBackupEnv } from "../src/env";
import { restoreBackup } from "../src/restore";

const scratch = mkdtempSync(path.join(tmpdir(), "revolv-backup-errors-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("mistakes an operator can make are answered with one clear line", () => {
  it("refuses to back up embedded engines whose data directory does not exist", async () => {
    const env = parseBackupEnv({ DATA_DIR: path.join(scratch, "typo") });
    await expect(takeBackup(env)).rejects.toThrow(BackupError);
    await expect(takeBackup(env)).rejects.toThrow(/nothing to back up: .*typo\/pglite does not exist/);
  });

  it("names the backup it cannot find", async () => {
    const env = parseBackupEnv({ DATA_DIR: scratch, BACKUP_TARGET: path.join(scratch, "backups") });
    await expect(restoreBackup(env, "2026-01-01T00-00-00-000Z")).rejects.toThrow(
      /no backup 2026-01-01T00-00-00-000Z at .*backups\/2026-01-01T00-00-00-000Z \(it has no manifest.json\)/,
    );
  });

  it("names the variable that is wrong", () => {
    expect(() => parseBackupEnv({ DATABASE_URL: "mysql://db" })).toThrow(ConfigurationError);
    expect(() => parseBackupEnv({ DATABASE_URL: "mysql://db" })).toThrow(/^DATABASE_URL: /);
  });
});
