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
  AlertDialogTrigger,
} from "@revolv/ui/alert-dialog";
import { Button } from "@revolv/ui/button";
import { toast } from "@revolv/ui/toaster";
import type { BulkDevicesResult } from "@revolv/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Archive, Tag, TagsIcon } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import type { DeviceActions } from "./device-actions";
import { TagDialog } from "./tag-dialog";

const devicesCount = (n: number) => `${n} ${n === 1 ? "device" : "devices"}`;

/** One sentence for the toast: what changed, and what was left alone and why. */
function summary(result: BulkDevicesResult, changed: string, unchanged: string) {
  const parts = [`${devicesCount(result.changed.length)} ${changed}`];
  if (result.unchanged.length > 0) parts.push(`${devicesCount(result.unchanged.length)} ${unchanged}`);
  return parts.join("; ");
}

/** The bulk bar's buttons for the selected ids; each action is one call and one toast. */
export function DeviceBulkActions({
  ids,
  clear,
  actions,
}: {
  ids: string[];
  clear: () => void;
  actions: DeviceActions;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const done = async () => {
    clear();
    await queryClient.invalidateQueries(trpc.devices.pathFilter());
  };
  const failed = (error: { message: string }) => {
    toast.error(`Nothing was changed: ${error.message}`);
  };
  const addTag = useMutation(
    trpc.devices.bulkAddTag.mutationOptions({
      onSuccess: async (result, { tag }) => {
        toast.success(summary(result, `tagged “${tag}”`, "already had it or are decommissioned"));
        await done();
      },
      onError: failed,
    }),
  );
  const removeTag = useMutation(
    trpc.devices.bulkRemoveTag.mutationOptions({
      onSuccess: async (result, { tag }) => {
        toast.success(summary(result, `no longer tagged “${tag}”`, "did not have it or are decommissioned"));
        await done();
      },
      onError: failed,
    }),
  );
  const decommission = useMutation(
    trpc.devices.bulkDecommission.mutationOptions({
      onSuccess: async (result) => {
        setConfirming(false);
        toast.success(summary(result, "decommissioned", "were decommissioned already"));
        await done();
      },
      onError: (error) => {
        setConfirming(false);
        failed(error);
      },
    }),
  );

  return (
    <>
      {actions.update ? (
        <>
          <TagDialog
            title={`Add a tag to ${devicesCount(ids.length)}`}
            action="Add tag"
            trigger={
              <Button variant="outline" size="sm">
                <Tag /> Add tag
              </Button>
            }
            onSubmit={(tag) => addTag.mutateAsync({ ids, tag })}
          />
          <TagDialog
            title={`Remove a tag from ${devicesCount(ids.length)}`}
            action="Remove tag"
            trigger={
              <Button variant="outline" size="sm">
                <TagsIcon /> Remove tag
              </Button>
            }
            onSubmit={(tag) => removeTag.mutateAsync({ ids, tag })}
          />
        </>
      ) : null}
      {actions.decommission ? (
        <AlertDialog open={confirming} onOpenChange={setConfirming}>
          <AlertDialogTrigger asChild>
            <Button variant="destructive" size="sm">
              <Archive /> Decommission
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>Decommission {devicesCount(ids.length)}?</AlertDialogTitle>
              <AlertDialogDescription>
                Their credentials stop working at once and they can no longer be edited. This cannot be
                undone; a device that returns must be registered again.
              </AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel>Keep them</AlertDialogCancel>
              <AlertDialogAction
                variant="destructive"
                disabled={decommission.isPending}
                onClick={(event) => {
                  // Stays open until the server answered, so a failure is not hidden by a closing dialog.
                  event.preventDefault();
                  decommission.mutate({ ids });
                }}
              >
                Decommission {devicesCount(ids.length)}
              </AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      ) : null}
    </>
  );
}
