/**
 * Signs in and lists devices through the typed client.
 *
 *   REVOLV_URL=http://localhost:3000 REVOLV_LOGIN=admin REVOLV_PASSWORD=… pnpm --filter @revolv/client example [search]
 *
 * With REVOLV_TOKEN set (a bearer token from `auth.token` or `POST /api/v1/auth/token`) it skips
 * the sign-in. Runs on Node's own TypeScript support; nothing to build.
 */
import { createRevolvClient, type RevolvClient, signIn, TRPCClientError } from "@revolv/client";

const { REVOLV_URL, REVOLV_TOKEN, REVOLV_LOGIN: login, REVOLV_PASSWORD: password } = process.env;
const url = REVOLV_URL ?? "http://localhost:3000";

async function connect(): Promise<RevolvClient> {
  if (REVOLV_TOKEN) return createRevolvClient({ url, token: REVOLV_TOKEN });
  if (!login || !password) {
    console.error("Set REVOLV_LOGIN and REVOLV_PASSWORD, or REVOLV_TOKEN.");
    process.exit(2);
  }
  const { client, session } = await signIn({ url, login, password });
  console.log(`signed in; the token expires at ${session.expiresAt.toISOString()}`);
  return client;
}

try {
  const client = await connect();
  const me = await client.users.me.query();
  const search = process.argv[2];
  const page = await client.devices.list.query({
    ...(search && { search }),
    sortBy: "name",
    sortDir: "asc",
    pageSize: 50,
  });
  console.log(`${me.username} (${me.role}) sees ${page.total} device(s)`);
  for (const device of page.items) {
    console.log([device.serialNumber, device.type, device.status, device.site, device.name].join("\t"));
  }
} catch (error) {
  if (!(error instanceof TRPCClientError)) throw error;
  // `data.code` is the tRPC code, `data.httpStatus` the HTTP status; the message is for people.
  const retryAfter = (error.meta?.response as Response | undefined)?.headers.get("retry-after");
  console.error(
    `${error.data?.code ?? "ERROR"} (${error.data?.httpStatus ?? "no response"}): ${error.message}` +
      (retryAfter ? ` (retry in ${retryAfter} s)` : ""),
  );
  process.exit(1);
}
