import { handleRestRequest } from "@revolv/api";
import { getRuntime } from "~/server/services";

export const dynamic = "force-dynamic";

/** Every procedure with `meta.openapi` as REST; the document is at /api/openapi.json. */
function handler(req: Request) {
  return handleRestRequest(req, getRuntime());
}

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };
