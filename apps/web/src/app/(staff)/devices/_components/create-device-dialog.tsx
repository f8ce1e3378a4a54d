"use client";

import { Button, buttonVariants } from "@revolv/ui/button";
import { DeviceForm } from "@revolv/ui/device-form";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@revolv/ui/dialog";
import { SecretField } from "@revolv/ui/secret-field";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { DialogOpenState } from "~/app/_components/lazy-dialog";
import { useTRPC } from "~/trpc/react";

type Created = { id: string; name: string; credential: string };

/**
 * Registers a device and shows its MQTT credential once: it lives only in this dialog's state,
 * the server keeps its hash, so closing the dialog or reloading the page loses it for good.
 */
export function CreateDeviceDialog({ open, setOpen }: DialogOpenState) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<Created | null>(null);
  const create = useMutation(
    trpc.devices.create.mutationOptions({
      onSuccess: async ({ device, credential }) => {
        setCreated({ id: device.id, name: device.name, credential });
        await queryClient.invalidateQueries(trpc.devices.list.pathFilter());
      },
    }),
  );

  // Every way out ("Done", Escape, the close button, outside) forgets the credential, so the
  // dialog opens on an empty form next time instead of the previous device's secret.
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) setCreated(null);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>{created.name} is registered</DialogTitle>
              <DialogDescription>
                The device signs in to the broker with its id as username and this credential as password.
              </DialogDescription>
            </DialogHeader>
            <SecretField label="MQTT credential" secret={created.credential} />
            <DialogFooter>
              {/* Not <Button asChild>: its Slot gets two children (spinner slot + link) and throws. */}
              <Link href={`/devices/${created.id}`} className={buttonVariants({ variant: "outline" })}>
                Open the device
              </Link>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>Register a device</DialogTitle>
              <DialogDescription>
                Its credential is shown once, right after it is registered.
              </DialogDescription>
            </DialogHeader>
            <DeviceForm onSubmit={(values) => create.mutateAsync(values)} />
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
