import { apiDocsPage } from "~/server/api-docs";

export const dynamic = "force-static";

/** Interactive docs for /api/v1 (Swagger UI reading /api/openapi.json). */
export function GET() {
  return new Response(apiDocsPage, { headers: { "content-type": "text/html; charset=utf-8" } });
}
