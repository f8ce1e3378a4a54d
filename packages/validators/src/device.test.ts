import { describe, expect, it } from "vitest";
import { createDeviceSchema, listDevicesSchema, siteSchema, tagSchema } from "./device";
import { validSite, validTag } from "./device-fields";
import { formatIssues } from "./issues";

describe("device schemas", () => {
  it("accepts an RVM with defaults filled in", () => {
    const device = createDeviceSchema.parse({
      type: "rvm",
      serialNumber: "RVM-0001",
      name: " Lobby machine ",
      site: "Oslo Central",
    });
    expect(device).toMatchObject({ name: "Lobby machine", tags: [] });
  });

  it("rejects an unknown type, a bad serial and a SQL-ish tag with field-level messages", () => {
    const result = createDeviceSchema.safeParse({
      type: "toaster",
      serialNumber: "RVM 1; DROP TABLE devices",
      name: "x",
      site: "y",
      tags: ["'; --"],
    });
    expect(result.success).toBe(false);
    const message = formatIssues(result.error as NonNullable<typeof result.error>);
    expect(message).toContain("type:");
    expect(message).toContain("serialNumber: Serial number may contain letters, digits and '-' only");
    expect(message).toContain("tags.0:");
  });

  it("pages with sane defaults and caps the page size", () => {
    expect(listDevicesSchema.parse({})).toMatchObject({
      page: 1,
      pageSize: 25,
      sortBy: "createdAt",
      sortDir: "desc",
    });
    expect(listDevicesSchema.safeParse({ pageSize: 201 }).success).toBe(false);
    expect(listDevicesSchema.safeParse({ page: 0 }).success).toBe(false);
  });
});

describe("device fields without Zod", () => {
  const samples = [
    "",
    "   ",
    " pilot ",
    "North",
    "a".repeat(32),
    "a".repeat(33),
    "x:y_z-1",
    "-lead",
    "Site 042",
    " ".repeat(3) + "s".repeat(120),
    "s".repeat(121),
    "ümlaut",
  ];

  it("accept and trim exactly what siteSchema and tagSchema accept", () => {
    for (const text of samples) {
      const site = siteSchema.safeParse(text);
      const tag = tagSchema.safeParse(text);
      expect(validSite(text), `site ${JSON.stringify(text)}`).toBe(site.success ? site.data : undefined);
      expect(validTag(text), `tag ${JSON.stringify(text)}`).toBe(tag.success ? tag.data : undefined);
    }
  });
});
