import { devices } from "@revolv/db";
import { listDevicesSchema } from "@revolv/validators";
import { and, arrayContains, asc, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import { createTRPCRouter, publicProcedure } from "../trpc";

/** Columns a staff table shows; the credential hash never leaves the server. */
const deviceColumns = {
  id: devices.id,
  type: devices.type,
  serialNumber: devices.serialNumber,
  name: devices.name,
  site: devices.site,
  latitude: devices.latitude,
  longitude: devices.longitude,
  firmwareVersion: devices.firmwareVersion,
  status: devices.status,
  tags: devices.tags,
  lastSeenAt: devices.lastSeenAt,
  createdAt: devices.createdAt,
  updatedAt: devices.updatedAt,
};

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

export const devicesRouter = createTRPCRouter({
  list: publicProcedure.input(listDevicesSchema).query(async ({ ctx, input }) => {
    const filters: (SQL | undefined)[] = [
      input.type ? eq(devices.type, input.type) : undefined,
      input.status ? eq(devices.status, input.status) : undefined,
      input.site ? eq(devices.site, input.site) : undefined,
      input.tag ? arrayContains(devices.tags, [input.tag]) : undefined,
      input.search
        ? or(
            ilike(devices.name, `%${escapeLike(input.search)}%`),
            ilike(devices.serialNumber, `%${escapeLike(input.search)}%`),
          )
        : undefined,
    ];
    const where = and(...filters);
    const direction = input.sortDir === "asc" ? asc : desc;
    const [items, [totals]] = await Promise.all([
      ctx.db
        .select(deviceColumns)
        .from(devices)
        .where(where)
        // Tie-break on id so pages never repeat or skip rows with equal sort keys.
        .orderBy(direction(devices[input.sortBy]), direction(devices.id))
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize),
      ctx.db.select({ total: count() }).from(devices).where(where),
    ]);
    const total = totals?.total ?? 0;
    return {
      items,
      page: input.page,
      pageSize: input.pageSize,
      total,
      pageCount: Math.ceil(total / input.pageSize),
    };
  }),
});
