import { roleHasPermission } from "@revolv/auth";
import { deviceIdSchema } from "@revolv/validators";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { pageAddress, requirePageAccess } from "../../../_auth/page-access";
import { actorUsersInput, deviceAuditInput } from "../../_audit/audit-inputs";
import { deviceAlarmInputs } from "./_components/alarm-list-input";
import { DeviceDetail } from "./_components/device-detail";
import { loadDeviceTab } from "./_components/tab-params";

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
  const query = await searchParams;
  const principal = await requirePageAccess("device:read", pageAddress(`/devices/${id}`, query));
  if (!deviceIdSchema.safeParse(id).success) notFound();
  // The device itself decides 404 before anything streams; telemetry follows in the client.
  try {
    await getQueryClient().fetchQuery(trpc.devices.get.queryOptions({ id }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { tab } = loadDeviceTab(query);
  const canReadTelemetry = roleHasPermission(principal.role, "telemetry:read");
  const canReadAlarms = roleHasPermission(principal.role, "alarm:read");
  if (canReadTelemetry && tab === "overview") prefetch(trpc.telemetry.latest.queryOptions({ deviceId: id }));
  if (canReadAlarms) {
    prefetch(trpc.alarms.list.queryOptions(deviceAlarmInputs.activeCount(id)));
    if (tab === "alarms") prefetch(trpc.alarms.list.queryOptions(deviceAlarmInputs.page(id, 1)));
  }
  const canReadAudit = roleHasPermission(principal.role, "audit:read");
  const canReadUsers = roleHasPermission(principal.role, "user:read");
  if (canReadAudit && tab === "activity") {
    prefetch(trpc.audit.list.queryOptions(deviceAuditInput(id, 1)));
    if (canReadUsers) prefetch(trpc.users.list.queryOptions(actorUsersInput));
  }
  return (
    <HydrateClient>
      <DeviceDetail
        id={id}
        canReadTelemetry={canReadTelemetry}
        canReadAlarms={canReadAlarms}
        canAckAlarms={roleHasPermission(principal.role, "alarm:ack")}
        canReadAudit={canReadAudit}
        canReadUsers={canReadUsers}
      />
    </HydrateClient>
  );
}
