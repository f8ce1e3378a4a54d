import { roleHasPermission } from "@revolv/auth";
import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { pageAddress, requirePageAccess } from "../../_auth/page-access";
import type { DeviceActions } from "./_components/device-actions";
import { DevicesTable } from "./_components/devices-table";
import { listInputOf, loadDeviceListView } from "./_components/list-params";

export const metadata: Metadata = { title: "Devices · Revolv Device Manager" };
export const dynamic = "force-dynamic";

type Role = Parameters<typeof roleHasPermission>[0];

const deviceActionsOf = (role: Role): DeviceActions => ({
  create: roleHasPermission(role, "device:create"),
  update: roleHasPermission(role, "device:update"),
  decommission: roleHasPermission(role, "device:delete"),
  rotateCredential: roleHasPermission(role, "device:credentials"),
});

type SearchParams = Record<string, string | string[] | undefined>;

export default async function DevicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const principal = await requirePageAccess("device:read", pageAddress("/devices", params));
  const view = loadDeviceListView(params);
  prefetch(trpc.devices.list.queryOptions(listInputOf(view)));
  return (
    <HydrateClient>
      <div className="grid gap-4">
        <h1 className="font-semibold text-2xl">Devices</h1>
        <DevicesTable actions={deviceActionsOf(principal.role)} />
      </div>
    </HydrateClient>
  );
}
