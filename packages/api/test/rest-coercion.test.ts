import { createDeviceSchema } from "@revolv/validators";
import { describe, expect, it } from "vitest";
import { handleRestRequest } from "../src/http";
import type { Services } from "../src/services";

/** The latitude of a device's location: a number only request bodies read. */
const latitudeDef = () => {
  const location = createDeviceSchema.shape.location.unwrap().unwrap();
  return location.shape.latitude._zod.def as { coerce?: boolean };
};

describe("REST coercion patch", () => {
  it("changes no schema on import, and pins body inputs strict when the REST handler first serves", async () => {
    expect(Object.getOwnPropertyDescriptor(latitudeDef(), "coerce")?.get).toBeUndefined();

    const response = await handleRestRequest(new Request("http://localhost/api/v1/no-such-route"), {
      services: {} as Services,
      authSecret: "x".repeat(32),
    });
    expect(response.status).toBe(404);

    expect(Object.getOwnPropertyDescriptor(latitudeDef(), "coerce")?.get).toBeTypeOf("function");
    latitudeDef().coerce = true;
    expect(latitudeDef().coerce).toBe(false);
  });
});
