import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { BackupEnv } from "./env";

/** Where one backup's files live: a local directory or an S3 prefix. */
export interface BackupStore {
  /** For messages: the directory or `s3://…` URL of backup `id`. */
  describe(id: string): string;
  /** The backup's local directory, when it has one (ClickHouse writes into it directly). */
  localDir(id: string): string | undefined;
  /** The ClickHouse backup destination of `id`, as BACKUP/RESTORE name it. */
  clickhouseDestination(id: string, credentials: string): string;
  put(id: string, name: string, fromFile: string): Promise<void>;
  get(id: string, name: string, toFile: string): Promise<void>;
  putText(id: string, name: string, text: string): Promise<void>;
  getText(id: string, name: string): Promise<string>;
}

export function openBackupStore(target: string, env: BackupEnv): BackupStore {
  return target.startsWith("s3://") ? s3Store(target, env) : directoryStore(path.resolve(target));
}

function directoryStore(root: string): BackupStore {
  const dir = (id: string) => path.join(root, id);
  return {
    describe: dir,
    localDir: dir,
    clickhouseDestination: (id) => `File(${sqlString(path.join(dir(id), "clickhouse"))})`,
    async put(id, name, fromFile) {
      await mkdir(dir(id), { recursive: true });
      if (path.resolve(fromFile) !== path.join(dir(id), name))
        await copyFile(fromFile, path.join(dir(id), name));
    },
    async get(id, name, toFile) {
      await copyFile(path.join(dir(id), name), toFile);
    },
    async putText(id, name, text) {
      await mkdir(dir(id), { recursive: true });
      await writeFile(path.join(dir(id), name), text);
    },
    getText: (id, name) => readFile(path.join(dir(id), name), "utf8"),
  };
}

function s3Store(target: string, env: BackupEnv): BackupStore {
  const url = new URL(target);
  const bucket = url.hostname;
  const prefix = url.pathname.replace(/^\/+|\/+$/g, "");
  const key = (id: string, name: string) => [prefix, id, name].filter(Boolean).join("/");
  const client = new S3Client({
    region: env.AWS_REGION,
    ...(env.BACKUP_S3_ENDPOINT ? { endpoint: env.BACKUP_S3_ENDPOINT, forcePathStyle: true } : {}),
  });
  const objectUrl = (id: string, name: string) =>
    env.BACKUP_S3_ENDPOINT
      ? `${env.BACKUP_S3_ENDPOINT.replace(/\/$/, "")}/${bucket}/${key(id, name)}`
      : `https://${bucket}.s3.${env.AWS_REGION}.amazonaws.com/${key(id, name)}`;
  return {
    describe: (id) => `s3://${bucket}/${key(id, "")}`,
    localDir: () => undefined,
    clickhouseDestination: (id, credentials) =>
      `S3(${sqlString(`${objectUrl(id, "clickhouse")}/`)}${credentials})`,
    async put(id, name, fromFile) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key(id, name), Body: createReadStream(fromFile) }),
      );
    },
    async get(id, name, toFile) {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key(id, name) }));
      await pipeline(object.Body as Readable, createWriteStream(toFile));
    },
    async putText(id, name, text) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key(id, name), Body: text }));
    },
    async getText(id, name) {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key(id, name) }));
      return (await object.Body?.transformToString()) ?? "";
    },
  };
}

/** A ClickHouse string literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}
