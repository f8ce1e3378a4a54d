import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { HttpHandlerOptions } from "./http";
import { type InternalErrorLog, recordInternalError } from "./internal-errors";
import { createRequestContext } from "./request-context";
import { toRestError } from "./rest-errors";
import { createCaller } from "./root";
import { deviceExportInputSchema } from "./router/devices-csv";
import { TRPCError } from "./trpc";

/** `GET /api/v1/devices.csv?search=…&status=…&sortBy=…`: the REST face of `devices.exportCsv`. */
export const deviceCsvPath = "/devices.csv";

function filterFromQuery(url: URL) {
  const query = Object.fromEntries(url.searchParams.entries());
  const parsed = deviceExportInputSchema.safeParse(query);
  if (!parsed.success)
    throw new TRPCError({ code: "BAD_REQUEST", message: "Invalid filter", cause: parsed.error });
  return parsed.data;
}

/**
 * Streams the export: the first chunk (after the permission check and the id query) decides the
 * status, so a refused or bad request still answers a JSON error with its 4xx, and the rows
 * follow chunk by chunk without the whole file in memory.
 */
export async function handleDeviceCsvRequest(
  req: Request,
  options: HttpHandlerOptions,
  requestId: string,
  resHeaders: Headers,
  log: InternalErrorLog,
): Promise<Response> {
  let chunks: AsyncGenerator<string>;
  let first: IteratorResult<string>;
  try {
    const ctx = await createRequestContext({
      services: options.services,
      headers: req.headers,
      authSecret: options.authSecret,
      resHeaders,
      requestId,
    });
    chunks = (await createCaller(ctx).devices.exportCsv(
      filterFromQuery(new URL(req.url)),
    )) as AsyncGenerator<string>;
    first = await chunks.next();
  } catch (cause) {
    const error =
      cause instanceof TRPCError ? cause : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause });
    if (error.code === "INTERNAL_SERVER_ERROR")
      recordInternalError(log, `rest devices.csv failed (request ${requestId})`, error.cause ?? error, {
        requestId,
        procedure: "devices.csv",
      });
    const issues = error.cause && "issues" in error.cause ? error.cause.issues : undefined;
    return Response.json(toRestError({ code: error.code, message: error.message, issues }, requestId), {
      status: getHTTPStatusCodeFromError(error),
      headers: resHeaders,
    });
  }
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        // Headers are gone by now: the stream is cut, and a client sees a truncated download.
        recordInternalError(log, `rest devices.csv failed mid-stream (request ${requestId})`, error, {
          requestId,
          procedure: "devices.csv",
        });
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  resHeaders.set("content-type", "text/csv; charset=utf-8");
  resHeaders.set("content-disposition", 'attachment; filename="devices.csv"');
  return new Response(body, { status: 200, headers: resHeaders });
}
