"use client";

import { Button } from "@revolv/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@revolv/ui/dialog";
import { Input } from "@revolv/ui/input";
import { Label } from "@revolv/ui/label";
import { tagSchema } from "@revolv/validators";
import { type ReactNode, useId, useState } from "react";

/** Asks for one tag, checked by the API's own schema before it is sent. */
export function TagDialog({
  title,
  action,
  trigger,
  onSubmit,
}: {
  title: string;
  action: string;
  trigger: ReactNode;
  onSubmit: (tag: string) => Promise<unknown>;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [tag, setTag] = useState("");
  const [issue, setIssue] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async () => {
    const parsed = tagSchema.safeParse(tag);
    if (!parsed.success) {
      setIssue(parsed.error.issues[0]?.message ?? "Not a valid tag");
      return;
    }
    setPending(true);
    try {
      await onSubmit(parsed.data);
      setOpen(false);
      setTag("");
    } catch {
      // The caller's toast says what failed; the dialog stays open to try again.
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setIssue(null);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="sm:max-w-sm">
        <form
          aria-label={title}
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>Decommissioned devices are left as they are.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-2">
            <Label htmlFor={id}>Tag</Label>
            <Input
              id={id}
              value={tag}
              autoComplete="off"
              placeholder="zone:north"
              aria-invalid={issue ? true : undefined}
              aria-describedby={issue ? `${id}-issue` : undefined}
              onChange={(event) => {
                setTag(event.target.value);
                setIssue(null);
              }}
            />
            {issue ? (
              <p id={`${id}-issue`} className="text-sm text-destructive">
                {issue}
              </p>
            ) : null}
          </div>
          <DialogFooter>
            <Button type="submit" loading={pending}>
              {action}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
