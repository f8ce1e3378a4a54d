import {
  metricCatalog,
  metricNames,
  type SqsTelemetryBody,
  sqsTelemetryBodySchema,
} from "@revolv/validators";
import { Ajv2020 } from "ajv/dist/2020.js";
import { z } from "zod";

/**
 * The SQS body contract compiled by Ajv from the Zod schema itself (`z.toJSONSchema`), so the
 * validators package stays the one source of truth. Zod costs the worker several times more
 * CPU per message than the whole rest of decoding; Ajv answers the common case (a valid body)
 * and Zod still explains a refusal (see decode.ts). body-validator.test.ts proves both accept
 * exactly the same bodies.
 *
 * The per-metric value rules live in a Zod `superRefine`, which JSON Schema cannot carry; they
 * are added back here as one `if metric = m then value matches m's schema` per catalog entry,
 * each generated from the catalog's own Zod schema.
 */
function bodyJsonSchema() {
  // The shape z.toJSONSchema gives this schema (the intersection merged into each union member).
  const schema = z.toJSONSchema(sqsTelemetryBodySchema, { io: "input" }) as unknown as {
    oneOf: { properties: { readings: { items: Record<string, unknown> } } }[];
  };
  const valueRules = metricNames.map((metric) => {
    const { $schema: _, ...value } = z.toJSONSchema(metricCatalog[metric].value, { io: "input" });
    return {
      if: { properties: { metric: { const: metric } }, required: ["metric"] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's keyword
      then: { properties: { value } },
    };
  });
  for (const member of schema.oneOf) member.properties.readings.items.allOf = valueRules;
  return schema;
}

const ajv = new Ajv2020({
  // Zod's patterns carry no `u` flag. (String lengths: Zod counts code points, as Ajv does by
  // default; the property test catches the difference if either changes.)
  unicodeRegExp: false,
  // `format` is informative here: every format Zod emits comes with the `pattern` it checks.
  validateFormats: false,
  allowUnionTypes: true,
  strictTypes: false,
});

/** True exactly when `sqsTelemetryBodySchema.safeParse(json)` succeeds. */
export const isSqsTelemetryBody = ajv.compile<SqsTelemetryBody>(bodyJsonSchema());
