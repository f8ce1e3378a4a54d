import { checkHealth } from "@revolv/api";
import { getServices } from "~/server/services";

export const dynamic = "force-dynamic";

/** Load balancers and `curl` read this: 200 when every engine answers, 503 otherwise. */
export async function GET() {
  const { status, checks } = await checkHealth(getServices());
  return Response.json(
    { status, checks },
    { status: status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
