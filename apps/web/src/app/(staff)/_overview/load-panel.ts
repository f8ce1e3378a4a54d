import { getRequestContext } from "~/trpc/server";

/**
 * Runs a panel's query; a failure is logged with the request id and answered as that id, so
 * one slow or broken engine (ClickHouse) costs its panels, not the page.
 */
export async function loadPanel<T>(
  name: string,
  load: () => Promise<T>,
): Promise<{ ok: true; data: T } | { ok: false; requestId: string }> {
  const { requestId } = await getRequestContext();
  try {
    return { ok: true, data: await load() };
  } catch (error) {
    console.error(`overview panel ${name} failed (request ${requestId})`, error);
    return { ok: false, requestId };
  }
}
