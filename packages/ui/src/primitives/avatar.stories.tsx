import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect } from "storybook/test";
import { Avatar, AvatarFallback, initialsOf } from "./avatar";

const meta = { title: "Primitives/Avatar", component: Avatar } satisfies Meta<typeof Avatar>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Initials: Story = {
  render: () => (
    <div className="flex gap-2">
      {["Ada Lovelace", "grace@revolv.local", "Linus"].map((name) => (
        <Avatar key={name} aria-label={name} role="img">
          <AvatarFallback>{initialsOf(name)}</AvatarFallback>
        </Avatar>
      ))}
    </div>
  ),
  play: async () => {
    await expect(initialsOf("Ada Lovelace")).toBe("AL");
    await expect(initialsOf("grace@revolv.local")).toBe("G");
  },
};
