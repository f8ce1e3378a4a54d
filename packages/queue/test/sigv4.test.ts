import aws4 from "aws4";
import { describe, expect, it } from "vitest";
import { createSigner } from "../src/sigv4";

// aws4 (a widely used SigV4 implementation) is the oracle: the lean signer must agree with it.
function aws4Authorization(
  host: string,
  target: string,
  body: string,
  credentials: aws4.Credentials,
  amzDate: string,
) {
  const signed = aws4.sign(
    {
      host,
      path: "/",
      method: "POST",
      service: "sqs",
      region: "eu-central-1",
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": target,
        "X-Amz-Date": amzDate,
      },
      body,
    },
    credentials,
  );
  return (signed.headers as Record<string, string>).Authorization;
}

describe("the lean SigV4 signer", () => {
  const sign = createSigner("eu-central-1");
  const now = new Date("2026-11-25T13:45:07.123Z");
  const amzDate = "20261125T134507Z";
  const cases = [
    {
      target: "AmazonSQS.SendMessageBatch",
      body: '{"QueueUrl":"https://sqs.eu-central-1.amazonaws.com/1/q","Entries":[{"Id":"0","MessageBody":"{\\"v\\":1,\\"ø\\":\\"€\\"}"}]}',
    },
    {
      target: "AmazonSQS.ReceiveMessage",
      body: '{"QueueUrl":"https://sqs.eu-central-1.amazonaws.com/1/q","MaxNumberOfMessages":10}',
    },
    {
      target: "AmazonSQS.DeleteMessageBatch",
      body: '{"QueueUrl":"https://sqs.eu-central-1.amazonaws.com/1/q","Entries":[{"Id":"0","ReceiptHandle":"AQEB+/=="}]}',
    },
  ];

  for (const { target, body } of cases) {
    it(`signs ${target} exactly as aws4 does, with and without a session token`, () => {
      for (const credentials of [
        { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
        {
          accessKeyId: "ASIAEXAMPLE",
          secretAccessKey: "secret/with+chars",
          sessionToken: "FQoGZXIvYXdzE//token==",
        },
      ]) {
        for (const host of ["sqs.eu-central-1.amazonaws.com", "127.0.0.1:4566"]) {
          const headers = sign({ host, path: "/", target, body, credentials, now });
          expect(headers.authorization).toBe(aws4Authorization(host, target, body, credentials, amzDate));
          expect(headers["x-amz-date"]).toBe(amzDate);
          expect(headers["content-length"]).toBe(String(Buffer.byteLength(body)));
          expect(headers["x-amz-security-token"]).toBe(credentials.sessionToken);
        }
      }
    });
  }

  it("derives a new key when the day or the secret changes", () => {
    const credentials = { accessKeyId: "AKID", secretAccessKey: "first" };
    const body = "{}";
    const target = "AmazonSQS.ReceiveMessage";
    const host = "sqs.eu-central-1.amazonaws.com";
    const nextDay = new Date("2026-11-26T00:00:01.000Z");
    sign({ host, path: "/", target, body, credentials, now });
    expect(sign({ host, path: "/", target, body, credentials, now: nextDay }).authorization).toBe(
      aws4Authorization(host, target, body, credentials, "20261126T000001Z"),
    );
    const rotated = { ...credentials, secretAccessKey: "second" };
    expect(sign({ host, path: "/", target, body, credentials: rotated, now: nextDay }).authorization).toBe(
      aws4Authorization(host, target, body, rotated, "20261126T000001Z"),
    );
  });
});
