import { generateOpenApiDocument } from "trpc-to-openapi";
import { appRouter } from "./root";

/** REST lives under this prefix; the document's server URL ends with it. */
export const restPrefix = "/api/v1";

const tagDescriptions: Record<string, string> = {
  auth: "Accounts and bearer tokens",
  devices: "Reverse vending machines and Soundboxes, their MQTT credentials and lifecycle",
  users: "Staff accounts and their roles",
  sessions: "Signed-in sessions (browser and bearer) and their revocation",
  audit: "Who changed what, when",
  telemetry: "What devices measured (ClickHouse): series, latest values, fleet summaries",
  pipeline: "Ingest health and the dead-letter queue: list, redrive, purge",
};

type OpenApiDocument = ReturnType<typeof generateOpenApiDocument>;

/** Every tag an operation uses, described where we have words for it (routers added later included). */
function describeTags(document: OpenApiDocument) {
  const used = new Set(Object.keys(tagDescriptions));
  for (const pathItem of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(pathItem ?? {})) {
      if (operation && typeof operation === "object" && "tags" in operation) {
        for (const tag of operation.tags ?? []) used.add(tag);
      }
    }
  }
  document.tags = [...used].map((name) => ({
    name,
    ...(tagDescriptions[name] && { description: tagDescriptions[name] }),
  }));
}

/**
 * trpc-to-openapi leaves `security` out on public operations, which reads as "undocumented"
 * rather than "none"; an empty list says the operation needs no token.
 */
function markPublicOperations(document: OpenApiDocument) {
  for (const pathItem of Object.values(document.paths ?? {})) {
    for (const method of ["get", "put", "post", "delete", "patch"] as const) {
      const operation = pathItem?.[method];
      if (operation && !operation.security) operation.security = [];
    }
  }
}

/** Our REST errors name the field of each issue (see `rest-errors.ts`); the generated schema does not. */
function describeIssuePaths(document: OpenApiDocument) {
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    if (!name.startsWith("error.") || "$ref" in schema) continue;
    const issues = schema.properties?.issues;
    if (!issues || "$ref" in issues || !issues.items || "$ref" in issues.items) continue;
    issues.items.properties = {
      path: {
        type: "string",
        description: "The field, dotted (`location.latitude`); empty for the whole body",
      },
      ...issues.items.properties,
    };
    issues.items.required = ["path", ...(issues.items.required ?? [])];
  }
}

/** The OpenAPI 3.1 document for every procedure with `meta.openapi`, served at `/api/openapi.json`. */
export function createOpenApiDocument(origin: string) {
  const document = generateOpenApiDocument(appRouter, {
    title: "Revolv Device Manager API",
    description:
      "Devices, users, sessions and the audit trail. Authenticate with `Authorization: Bearer <token>` from `POST /auth/token`. Errors are JSON `{ code, message, issues? }` with the matching HTTP status; `429` carries `Retry-After`.",
    version: "1.0.0",
    baseUrl: `${origin.replace(/\/$/, "")}${restPrefix}`,
  });
  describeTags(document);
  markPublicOperations(document);
  describeIssuePaths(document);
  return document;
}
