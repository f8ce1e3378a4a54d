import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { FileDigest } from "./manifest";

export async function digestFile(file: string, name = path.basename(file)): Promise<FileDigest> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { file: name, bytes: (await stat(file)).size, sha256: hash.digest("hex") };
}

/** Every file under `dir`, named relative to `relativeTo`, in a stable order. */
export async function digestTree(dir: string, relativeTo: string): Promise<FileDigest[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  return Promise.all(files.map((file) => digestFile(file, path.relative(relativeTo, file))));
}
