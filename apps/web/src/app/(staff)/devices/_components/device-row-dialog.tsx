"use client";

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@revolv/ui/alert-dialog";
import { Button } from "@revolv/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@revolv/ui/dialog";
import { SecretField } from "@revolv/ui/secret-field";
import { toast } from "@revolv/ui/toaster";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import type { Device, RowDialog } from "./device-row-actions";
import { EditDeviceDialog } from "./edit-device-dialog";

// The dialogs a row's menu opens. The table loads this module on first use (next/dynamic), so
// their forms and Zod stay out of the page's first load.

/** Whichever dialog a row's menu asked for. */
export function DeviceRowDialog({ dialog, close }: { dialog: RowDialog; close: () => void }) {
  if (!dialog) return null;
  if (dialog.kind === "edit") return <EditDeviceDialog device={dialog.device} onClose={close} />;
  if (dialog.kind === "rotate") return <RotateCredentialDialog device={dialog.device} onClose={close} />;
  return <DecommissionDialog device={dialog.device} onClose={close} />;
}

function DecommissionDialog({ device, onClose }: { device: Device; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const decommission = useMutation(
    trpc.devices.decommission.mutationOptions({
      onSuccess: async (after) => {
        toast.success(`${after.name} decommissioned`);
        onClose();
        await queryClient.invalidateQueries(trpc.devices.pathFilter());
      },
      onError: (error) => toast.error(`${device.name} was not decommissioned: ${error.message}`),
    }),
  );
  return (
    <AlertDialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Decommission {device.name}?</AlertDialogTitle>
          <AlertDialogDescription>
            Its credential stops working at once and it can no longer be edited. This cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Keep it</AlertDialogCancel>
          <AlertDialogAction
            variant="destructive"
            disabled={decommission.isPending}
            onClick={(event) => {
              event.preventDefault();
              decommission.mutate({ id: device.id });
            }}
          >
            Decommission {device.name}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

/**
 * Confirms, rotates, then shows the new credential once: it lives only in this dialog's state
 * (the server keeps its hash), so closing the dialog loses it for good.
 */
function RotateCredentialDialog({ device, onClose }: { device: Device; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [credential, setCredential] = useState<string | null>(null);
  const rotate = useMutation(
    trpc.devices.rotateCredential.mutationOptions({
      onSuccess: async (result) => {
        setCredential(result.credential);
        await queryClient.invalidateQueries(trpc.devices.pathFilter());
      },
      onError: (error) => toast.error(`The credential was not rotated: ${error.message}`),
    }),
  );

  if (credential) {
    return (
      <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>New credential for {device.name}</DialogTitle>
            <DialogDescription>
              The old credential no longer works. The device signs in with its id as username and this as
              password.
            </DialogDescription>
          </DialogHeader>
          <SecretField label="MQTT credential" secret={credential} />
          <DialogFooter>
            <Button onClick={onClose}>Done</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    );
  }
  return (
    <AlertDialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Rotate the credential of {device.name}?</AlertDialogTitle>
          <AlertDialogDescription>
            The current credential stops working at once: the device is disconnected until it has the new one,
            which is shown once.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction
            disabled={rotate.isPending}
            onClick={(event) => {
              event.preventDefault();
              rotate.mutate({ id: device.id });
            }}
          >
            Rotate credential
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
