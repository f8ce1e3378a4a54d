import { generateOpenApiDocument } from "trpc-to-openapi";
import { appRouter } from "./root";

/** REST lives under this prefix; the document's server URL ends with it. */
export const restPrefix = "/api/v1";

/** The OpenAPI 3.1 document for every procedure with `meta.openapi`, served at `/api/openapi.json`. */
export function createOpenApiDocument(origin: string) {
  return generateOpenApiDocument(appRouter, {
    title: "Revolv Device Manager API",
    description:
      "Devices, users, sessions and the audit trail. Authenticate with `Authorization: Bearer <token>` from `POST /auth/token`. Errors are JSON `{ code, message, issues? }`.",
    version: "1.0.0",
    baseUrl: `${origin.replace(/\/$/, "")}${restPrefix}`,
    tags: ["auth", "devices", "users", "sessions", "audit"],
  });
}
