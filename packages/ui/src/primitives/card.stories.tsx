import type { Meta, StoryObj } from "@storybook/react-vite";
import { Button } from "./button";
import { Card, CardAction, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "./card";

const meta = {
  title: "Primitives/Card",
  component: Card,
  render: (args) => (
    <Card {...args} className="w-96">
      <CardHeader>
        <CardTitle>Lobby RVM</CardTitle>
        <CardDescription>RVM-00042 · Building A</CardDescription>
        <CardAction>
          <Button variant="outline" size="sm">
            Open
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent className="text-sm">
        {args.children ?? "Bin 72 % full; collection due tomorrow."}
      </CardContent>
      <CardFooter className="text-sm text-muted-foreground">Updated 2 minutes ago</CardFooter>
    </Card>
  ),
} satisfies Meta<typeof Card>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const LongContent: Story = {
  args: {
    children:
      "Intake jammed twice this week; the technician replaced the belt and cleaned the optical sensor. The bin sensor reads 3 % high since the firmware update and will be recalibrated at the next visit.",
  },
};
