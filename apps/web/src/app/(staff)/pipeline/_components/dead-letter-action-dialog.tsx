"use client";

import type { AppRouter } from "@revolv/api";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@revolv/ui/alert-dialog";
import { Button } from "@revolv/ui/button";
import { toast } from "@revolv/ui/toaster";
import type { DeadLetterSelection } from "@revolv/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { requestIdOf } from "~/app/_components/request-error";
import { useTRPC } from "~/trpc/react";

export type DeadLetterAction = { kind: "redrive" | "purge"; selection: DeadLetterSelection; count: number };
type ActionResult = inferRouterOutputs<AppRouter>["pipeline"]["redrive"];
export type RefusedRedrive = ActionResult["refused"][number];

const wording = {
  redrive: {
    title: "Redrive",
    description:
      "Sends them back to the telemetry queue; the worker judges them again. A letter the IoT rule's error action wrote goes back as the device's original payload, unless SQS cannot carry it: then it stays, with why. Redrive once their cause is fixed (the device registered, the firmware corrected), or they return here.",
    done: "redriven",
  },
  purge: {
    title: "Purge",
    description: "Deletes them for good. Their readings are lost; this cannot be undone.",
    done: "purged",
  },
} as const;

function what({ selection, count }: DeadLetterAction): string {
  if (selection.messageIds) return count === 1 ? "the chosen dead letter" : `${count} chosen dead letters`;
  return selection.reason ? `every dead letter of reason "${selection.reason}"` : "every dead letter";
}

/** Redrive or purge behind a confirmation that says what will happen; the server audits it. */
export function DeadLetterActionDialog({
  action,
  onClose,
}: {
  action: DeadLetterAction | null;
  /** `refused`: the dead letters a redrive would not send, with why, for the page to list. */
  onClose: (changed: boolean, refused?: RefusedRedrive[]) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const options = {
    onSuccess: async (result: ActionResult) => {
      const words = wording[action?.kind ?? "redrive"];
      const extra = [
        result.notFound.length ? `${result.notFound.length} no longer on the queue` : "",
        result.failed ? `${result.failed} refused by SQS and left on the queue` : "",
        result.refused.length ? `${result.refused.length} not redriven, listed above the table` : "",
        result.more ? "more remain beyond this pass" : "",
      ].filter(Boolean);
      (result.refused.length && !result.count ? toast.error : toast.success)(
        `${result.count} dead letter${result.count === 1 ? "" : "s"} ${words.done}${extra.length ? ` (${extra.join("; ")})` : ""}`,
      );
      setError(null);
      await queryClient.invalidateQueries(trpc.pipeline.pathFilter());
      onClose(true, result.refused);
    },
    onError: (failure: unknown) => {
      const requestId = requestIdOf(failure);
      setError(`${(failure as Error).message}${requestId ? ` (request ${requestId})` : ""}`);
    },
  };
  const redrive = useMutation(trpc.pipeline.redrive.mutationOptions(options));
  const purge = useMutation(trpc.pipeline.purge.mutationOptions(options));
  const pending = redrive.isPending || purge.isPending;
  const words = wording[action?.kind ?? "redrive"];

  return (
    <AlertDialog
      open={action !== null}
      onOpenChange={(open) => {
        if (!open) {
          setError(null);
          onClose(false);
        }
      }}
    >
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>
            {words.title} {action ? what(action) : ""}?
          </AlertDialogTitle>
          <AlertDialogDescription>{words.description}</AlertDialogDescription>
        </AlertDialogHeader>
        {error ? (
          <p role="alert" className="text-destructive text-sm">
            {error}
          </p>
        ) : null}
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          {/* A plain button, not the dialog's Action: the dialog stays open until the server answered. */}
          <Button
            variant={action?.kind === "purge" ? "destructive" : "default"}
            disabled={pending || !action}
            onClick={() => {
              if (!action) return;
              (action.kind === "purge" ? purge : redrive).mutate(action.selection);
            }}
          >
            {words.title}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
