import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  dataDirEnvSchema,
  sqsCredentialsFrom,
  sqsEnvSchema,
  sqsQueueUrlSchema,
  unsetWhenBlank,
} from "./index";

describe("the env kit", () => {
  it("reads a blank variable as unset, and still checks a set one", () => {
    const schema = z.object({ URL: unsetWhenBlank(z.url("URL must be a URL")) });
    expect(schema.parse({ URL: "" })).toEqual({});
    expect(schema.parse({})).toEqual({});
    expect(schema.safeParse({ URL: "nope" }).error?.issues.map((i) => i.message)).toEqual([
      "URL must be a URL",
    ]);
  });

  it("defaults DATA_DIR to the repository's .data", () => {
    expect(dataDirEnvSchema.parse({}).DATA_DIR).toBe(path.resolve(import.meta.dirname, "../../..", ".data"));
  });

  it("gives SQS its region and leaves credentials to the AWS default chain when blank", () => {
    expect(sqsEnvSchema.parse({ AWS_ACCESS_KEY_ID: "", SQS_ENDPOINT: "" })).toEqual({
      AWS_REGION: "us-east-1",
    });
    expect(sqsEnvSchema.safeParse({ SQS_DLQ_URL: "dlq" }).error?.issues[0]?.message).toBe(
      "SQS_DLQ_URL must be the dead-letter queue's URL",
    );
    expect(sqsQueueUrlSchema.safeParse("").error?.issues[0]?.message).toBe(
      "SQS_QUEUE_URL must be the telemetry queue's URL",
    );
  });

  it("hands SQS static credentials only when both key and secret are set, else the default chain", () => {
    expect(sqsCredentialsFrom(sqsEnvSchema.parse({ AWS_ACCESS_KEY_ID: "id" }))).toBeUndefined();
    expect(
      sqsCredentialsFrom(
        sqsEnvSchema.parse({
          AWS_ACCESS_KEY_ID: "id",
          AWS_SECRET_ACCESS_KEY: "secret",
          AWS_SESSION_TOKEN: "",
        }),
      ),
    ).toEqual({ accessKeyId: "id", secretAccessKey: "secret", sessionToken: undefined });
  });
});
