import { handleTrpcRequest } from "@revolv/api";
import { getRuntime } from "~/server/services";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return handleTrpcRequest(req, getRuntime());
}

export { handler as GET, handler as POST };
