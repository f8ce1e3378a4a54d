import Link from "next/link";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The device a dead letter names: its registry name linking to its page, the id beneath it. */
export function DeviceOfLetter({
  deviceId,
  deviceName,
}: {
  deviceId: string | null;
  deviceName: string | null;
}) {
  if (!deviceId) return <span className="text-muted-foreground">not named</span>;
  return (
    <div className="grid min-w-0 gap-0.5">
      {deviceName && uuid.test(deviceId) ? (
        <Link
          href={`/devices/${deviceId.toLowerCase()}`}
          title={deviceId}
          className="truncate font-medium underline-offset-4 hover:underline"
        >
          {deviceName}
        </Link>
      ) : (
        <span className="text-muted-foreground text-xs">not a registered device</span>
      )}
      <span className="truncate font-mono text-muted-foreground text-xs" title={deviceId}>
        {deviceId}
      </span>
    </div>
  );
}
