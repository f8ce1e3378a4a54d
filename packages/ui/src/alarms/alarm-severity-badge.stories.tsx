import type { Meta, StoryObj } from "@storybook/react-vite";
import { AlarmSeverityBadge, alarmSeverities } from "./alarm-severity-badge";

const meta = {
  title: "Domain/Alarm severity badge",
  component: AlarmSeverityBadge,
  args: { severity: "critical" },
} satisfies Meta<typeof AlarmSeverityBadge>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Severities: Story = {
  tags: ["screenshot"],
  render: () => (
    <div className="grid gap-2">
      {[undefined, false, true].map((acknowledged) => (
        <div key={String(acknowledged)} className="flex flex-wrap gap-2">
          {alarmSeverities.map((severity) => (
            <AlarmSeverityBadge key={severity} severity={severity} acknowledged={acknowledged} />
          ))}
        </div>
      ))}
    </div>
  ),
};
export const CriticalUnacknowledged: Story = { args: { acknowledged: false } };
