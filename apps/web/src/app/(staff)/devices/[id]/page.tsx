import { roleHasPermission } from "@revolv/auth";
import { deviceIdSchema } from "@revolv/validators";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { pageAddress, requirePageAccess } from "../../../_auth/page-access";
import { DeviceDetail } from "./_components/device-detail";

export const metadata: Metadata = { title: "Device · Revolv Device Manager" };
export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DevicePage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const principal = await requirePageAccess("device:read", pageAddress(`/devices/${id}`, await searchParams));
  if (!deviceIdSchema.safeParse(id).success) notFound();
  // The device itself decides 404 before anything streams; telemetry follows in the client.
  try {
    await getQueryClient().fetchQuery(trpc.devices.get.queryOptions({ id }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const canReadTelemetry = roleHasPermission(principal.role, "telemetry:read");
  if (canReadTelemetry) prefetch(trpc.telemetry.latest.queryOptions({ deviceId: id }));
  return (
    <HydrateClient>
      <DeviceDetail id={id} canReadTelemetry={canReadTelemetry} />
    </HydrateClient>
  );
}
