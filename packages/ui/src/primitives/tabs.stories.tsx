import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect } from "storybook/test";
import { Badge } from "./badge";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "./tabs";

const meta = {
  title: "Primitives/Tabs",
  component: Tabs,
  args: { defaultValue: "overview" },
  render: (args) => (
    <Tabs {...args} className="w-96">
      <TabsList>
        <TabsTrigger value="overview">Overview</TabsTrigger>
        <TabsTrigger value="telemetry">Telemetry</TabsTrigger>
        <TabsTrigger value="audit" disabled>
          Audit
        </TabsTrigger>
      </TabsList>
      <TabsContent value="overview">Metadata, latest values and open alarms.</TabsContent>
      <TabsContent value="telemetry">Charts of fill level, temperature and battery.</TabsContent>
      <TabsContent value="audit">Who changed what.</TabsContent>
    </Tabs>
  ),
} satisfies Meta<typeof Tabs>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const ArrowKeys: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole("tab", { name: "Overview" }));
    await userEvent.keyboard("{ArrowRight}");
    await expect(canvas.getByRole("tab", { name: "Telemetry" })).toHaveAttribute("aria-selected", "true");
    await expect(canvas.getByRole("tabpanel")).toHaveTextContent("Charts of fill level");
  },
};

/** A count in a tab (the device page's active alarms): the badge is part of the tab's name. */
export const WithCount: Story = {
  render: (args) => (
    <Tabs {...args} className="w-96">
      <TabsList>
        <TabsTrigger value="overview">Overview</TabsTrigger>
        <TabsTrigger value="events">Events</TabsTrigger>
        <TabsTrigger value="alarms">
          Alarms
          <Badge variant="destructive" className="px-1.5 tabular-nums">
            3<span className="sr-only"> active</span>
          </Badge>
        </TabsTrigger>
      </TabsList>
      <TabsContent value="overview">Metadata, latest values and charts.</TabsContent>
      <TabsContent value="events">Connects, offline and back, faults and jams.</TabsContent>
      <TabsContent value="alarms">The device's alarms, open ones first.</TabsContent>
    </Tabs>
  ),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole("tab", { name: "Alarms 3 active" }));
    await expect(canvas.getByRole("tabpanel")).toHaveTextContent("open ones first");
  },
};
