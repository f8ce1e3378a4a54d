"use client";

import { Button } from "@revolv/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@revolv/ui/dialog";
import { Label } from "@revolv/ui/label";
import { Textarea } from "@revolv/ui/textarea";
import { toast } from "@revolv/ui/toaster";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { requestIdOf } from "~/app/_components/request-error";
import { useTRPC } from "~/trpc/react";

export type AlarmAction = "acknowledge" | "clear";

const wording = {
  acknowledge: {
    title: "Acknowledge",
    description: "Says someone is on it; the alarm stays open until its condition clears.",
    done: "acknowledged",
  },
  clear: {
    title: "Clear",
    description: "Closes the alarm by hand; if its condition is still present it is raised again.",
    done: "cleared",
  },
} as const;

/** Acknowledge or clear one or many alarms, with an optional comment kept on the transition. */
export function AlarmActionDialog({
  action,
  ids,
  onClose,
}: {
  action: AlarmAction | null;
  ids: string[];
  onClose: (changed: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const commentId = useId();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const options = {
    onSuccess: async ({ changed, unchanged }: { changed: string[]; unchanged: string[] }) => {
      const words = wording[action ?? "acknowledge"];
      toast.success(
        `${changed.length} alarm${changed.length === 1 ? "" : "s"} ${words.done}` +
          (unchanged.length ? ` (${unchanged.length} already were)` : ""),
      );
      setComment("");
      setError(null);
      await queryClient.invalidateQueries(trpc.alarms.pathFilter());
      onClose(true);
    },
    onError: (failure: unknown) => {
      const requestId = requestIdOf(failure);
      setError(`${(failure as Error).message}${requestId ? ` (request ${requestId})` : ""}`);
    },
  };
  const acknowledge = useMutation(trpc.alarms.acknowledge.mutationOptions(options));
  const clear = useMutation(trpc.alarms.clear.mutationOptions(options));
  const pending = acknowledge.isPending || clear.isPending;
  const words = wording[action ?? "acknowledge"];

  return (
    <Dialog
      open={action !== null}
      onOpenChange={(open) => {
        if (!open) {
          setError(null);
          onClose(false);
        }
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>
            {words.title} {ids.length === 1 ? "the alarm" : `${ids.length} alarms`}
          </DialogTitle>
          <DialogDescription>{words.description}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            const input = { ids, ...(comment.trim() && { comment: comment.trim() }) };
            if (action === "clear") clear.mutate(input);
            else acknowledge.mutate(input);
          }}
        >
          <div className="grid gap-2">
            <Label htmlFor={commentId}>Comment (optional)</Label>
            <Textarea
              id={commentId}
              value={comment}
              maxLength={1000}
              placeholder="e.g. Bin emptied by the store, driver on the way"
              onChange={(event) => setComment(event.target.value)}
            />
          </div>
          {error ? (
            <p role="alert" className="text-destructive text-sm">
              {error}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onClose(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {words.title}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
