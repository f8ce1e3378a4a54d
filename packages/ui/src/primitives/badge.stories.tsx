import type { Meta, StoryObj } from "@storybook/react-vite";
import { Badge } from "./badge";

const meta = { title: "Primitives/Badge", component: Badge, args: { children: "Badge" } } satisfies Meta<
  typeof Badge
>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Variants: Story = {
  tags: ["screenshot"],
  render: () => (
    <div className="flex flex-wrap gap-2">
      {(
        ["default", "secondary", "outline", "success", "warning", "info", "destructive", "muted"] as const
      ).map((variant) => (
        <Badge key={variant} variant={variant}>
          {variant}
        </Badge>
      ))}
    </div>
  ),
};
export const AsLink: Story = {
  render: () => (
    <Badge asChild variant="outline">
      <a href="#tag-coastal">tag: coastal</a>
    </Badge>
  ),
};
