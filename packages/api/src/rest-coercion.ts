import type { AnyProcedure, AnyRouter } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";

/** Just the zod v4 internals trpc-to-openapi touches; `def` is what `_def` returns. */
interface ZodInternals {
  _zod: { def: { type: string; coerce?: boolean; innerType?: unknown; element?: unknown; shape?: unknown } };
  shape?: Record<string, unknown>;
}

const isZod = (value: unknown): value is ZodInternals =>
  typeof value === "object" && value !== null && "_zod" in value;

const wrappers = new Set(["optional", "nullable", "default", "prefault"]);
const coercible = new Set(["number", "boolean", "bigint", "date"]);

/** The number/boolean/bigint/date schemas trpc-to-openapi would flip to `coerce` in an input object. */
function coercibleLeaves(schema: unknown, into: Set<ZodInternals> = new Set()): Set<ZodInternals> {
  if (!isZod(schema)) return into;
  const def = schema._zod.def;
  if (wrappers.has(def.type)) return coercibleLeaves(def.innerType, into);
  if (def.type === "array") return coercibleLeaves(def.element, into);
  if (coercible.has(def.type)) into.add(schema);
  if (def.type === "object" && schema.shape) {
    for (const field of Object.values(schema.shape)) coercibleLeaves(field, into);
  }
  return into;
}

const readsQueryString = (procedure: AnyProcedure) => {
  const method = (procedure._def.meta as OpenApiMeta | undefined)?.openapi?.method;
  return method === "GET" || method === "DELETE";
};

/**
 * trpc-to-openapi sets `coerce` on every number, boolean and date of an input, in place, on each
 * REST request, so that query strings like `?page=2` parse. The schemas are the ones tRPC uses
 * too, and bodies are JSON, so from the first REST call on a body's `"latitude": ""` or `[]`
 * would silently become 0 on both transports. Schemas only bodies read keep their types: their
 * `coerce` flag reads false and ignores the write. Schemas a query string reads, and ones that
 * coerce on purpose (`z.coerce.date()`), are left alone.
 */
export function keepBodyInputsStrict(router: AnyRouter): void {
  const procedures = Object.values(router._def.procedures as Record<string, AnyProcedure>);
  const queryLeaves = new Set<ZodInternals>();
  for (const procedure of procedures.filter(readsQueryString)) {
    for (const input of procedure._def.inputs as unknown[]) coercibleLeaves(input, queryLeaves);
  }
  for (const procedure of procedures.filter((procedure) => !readsQueryString(procedure))) {
    for (const input of procedure._def.inputs as unknown[]) {
      for (const leaf of coercibleLeaves(input)) {
        const def = leaf._zod.def;
        if (queryLeaves.has(leaf) || def.coerce === true) continue;
        Object.defineProperty(def, "coerce", { get: () => false, set: () => {}, configurable: true });
      }
    }
  }
}
