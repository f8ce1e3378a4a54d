import type { Meta, StoryObj } from "@storybook/react-vite";
import { Button } from "./button";
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetFooter,
  SheetHeader,
  SheetTitle,
  SheetTrigger,
} from "./sheet";

const meta = {
  title: "Primitives/Sheet",
  component: Sheet,
  render: (args) => (
    <Sheet {...args}>
      <SheetTrigger asChild>
        <Button variant="outline">Device details</Button>
      </SheetTrigger>
      <SheetContent>
        <SheetHeader>
          <SheetTitle>RVM-00042</SheetTitle>
          <SheetDescription>Lobby, Building A · firmware 2.4.1</SheetDescription>
        </SheetHeader>
        <dl className="grid grid-cols-2 gap-2 px-4 text-sm">
          <dt className="text-muted-foreground">Last seen</dt>
          <dd>2 minutes ago</dd>
          <dt className="text-muted-foreground">Bin fill</dt>
          <dd>72 %</dd>
        </dl>
        <SheetFooter>
          <Button>Open device page</Button>
        </SheetFooter>
      </SheetContent>
    </Sheet>
  ),
} satisfies Meta<typeof Sheet>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Closed: Story = {};
export const Open: Story = { args: { defaultOpen: true } };
