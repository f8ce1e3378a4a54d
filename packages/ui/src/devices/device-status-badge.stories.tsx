import { deviceStatuses } from "@revolv/validators";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect } from "storybook/test";
import { fixtureNow } from "../fixtures/devices";
import { ConnectivityBadge, DeviceStatusBadge, formatLastSeen } from "./device-status-badge";

const meta = {
  title: "Domain/Device status",
  component: DeviceStatusBadge,
  args: { status: "online" },
} satisfies Meta<typeof DeviceStatusBadge>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Statuses: Story = {
  tags: ["screenshot"],
  render: () => (
    <div className="grid gap-3">
      <div className="flex flex-wrap gap-2">
        {deviceStatuses.map((status) => (
          <DeviceStatusBadge key={status} status={status} />
        ))}
      </div>
      <div className="flex flex-wrap gap-2">
        <ConnectivityBadge connected lastSeenAt={fixtureNow} now={fixtureNow} />
        <ConnectivityBadge
          connected={false}
          lastSeenAt={new Date(fixtureNow.getTime() - 42 * 60_000)}
          now={fixtureNow}
          reason="keep-alive timeout"
        />
        <ConnectivityBadge connected={false} lastSeenAt={null} now={fixtureNow} />
      </div>
    </div>
  ),
};

export const LastSeenWording: Story = {
  render: () => (
    <ConnectivityBadge
      connected={false}
      lastSeenAt={new Date(fixtureNow.getTime() - 3 * 86_400_000)}
      now={fixtureNow}
    />
  ),
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/seen 3 days ago/)).toBeVisible();
    await expect(formatLastSeen(new Date(fixtureNow.getTime() - 120_000), fixtureNow)).toBe("2 min. ago");
  },
};
