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
import { SecretField } from "@revolv/ui/secret-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@revolv/ui/select";
import { issuesFromError } from "@revolv/ui/server-issues";
import { toast } from "@revolv/ui/toaster";
import { createInvitationSchema, createUserSchema, type RoleName, roleNames } from "@revolv/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import type { z } from "zod";
import type { DialogOpenState } from "~/app/_components/lazy-dialog";
import { TextField } from "~/app/_components/text-field";
import { useTRPC } from "~/trpc/react";

const roleLabels: Record<RoleName, string> = {
  admin: "Admin",
  supervisor: "Supervisor",
  technician: "Technician",
  viewer: "Viewer",
};

type Errors = Record<string, string | undefined>;

/** Field errors of a Zod result, first message per field. */
function fieldErrors(error: z.ZodError): Errors {
  const errors: Errors = {};
  for (const issue of error.issues) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}

/** The errors a mutation answered: per field when the server named one, else for the form. */
function serverErrors(error: unknown): Errors {
  const issues = issuesFromError(error);
  if (issues?.length)
    return Object.fromEntries(issues.map((issue) => [issue.field ?? "form", issue.message]));
  return { form: error instanceof Error ? error.message : "Something went wrong" };
}

function RoleField({ value, onChange }: { value: RoleName; onChange: (role: RoleName) => void }) {
  const id = useId();
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>Role</Label>
      <Select value={value} onValueChange={(role) => onChange(role as RoleName)}>
        <SelectTrigger id={id} className="w-48">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {roleNames.map((role) => (
            <SelectItem key={role} value={role}>
              {roleLabels[role]}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

function FormError({ message }: { message: string | undefined }) {
  return message ? (
    <p role="alert" className="text-destructive text-sm">
      {message}
    </p>
  ) : null;
}

function UserDialog({
  open,
  onOpenChange,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>{children}</DialogContent>
    </Dialog>
  );
}

/** Creates an account with a password the admin chooses and passes on. */
export function CreateUserDialog({ open, setOpen }: DialogOpenState) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const empty = { username: "", email: "", password: "", role: "viewer" as RoleName };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Errors>({});
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async (user) => {
        toast.success(`${user.username} can sign in now`);
        setOpen(false);
        setValues(empty);
        await queryClient.invalidateQueries(trpc.users.list.pathFilter());
      },
      onError: (error) => setErrors(serverErrors(error)),
    }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createUserSchema.safeParse(values);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    create.mutate(parsed.data);
  };
  return (
    <UserDialog open={open} onOpenChange={setOpen}>
      <DialogHeader>
        <DialogTitle>Create a user</DialogTitle>
        <DialogDescription>
          Pass the password on yourself; they can change it under Account.
        </DialogDescription>
      </DialogHeader>
      <form onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="Create a user">
        <TextField
          label="Username"
          value={values.username}
          onChange={(e) => setValues({ ...values, username: e.target.value })}
          error={errors.username}
          autoComplete="off"
        />
        <TextField
          label="Email"
          type="email"
          value={values.email}
          onChange={(e) => setValues({ ...values, email: e.target.value })}
          error={errors.email}
          autoComplete="off"
        />
        <TextField
          label="Password"
          type="password"
          value={values.password}
          onChange={(e) => setValues({ ...values, password: e.target.value })}
          error={errors.password}
          autoComplete="new-password"
        />
        <RoleField value={values.role} onChange={(role) => setValues({ ...values, role })} />
        <FormError message={errors.form} />
        <DialogFooter>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create user"}
          </Button>
        </DialogFooter>
      </form>
    </UserDialog>
  );
}

/** Invites by email: the single-use link is shown once, here, for the admin to pass on. */
export function InviteUserDialog({ open, setOpen }: DialogOpenState) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ email: "", role: "viewer" as RoleName });
  const [errors, setErrors] = useState<Errors>({});
  const [link, setLink] = useState<string | null>(null);
  const invite = useMutation(
    trpc.users.invite.mutationOptions({
      onSuccess: async ({ path }) => {
        setLink(new URL(path, window.location.origin).toString());
        await queryClient.invalidateQueries(trpc.users.invitations.pathFilter());
      },
      onError: (error) => setErrors(serverErrors(error)),
    }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createInvitationSchema.safeParse(values);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    invite.mutate(parsed.data);
  };
  return (
    <UserDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setLink(null);
          setValues({ email: "", role: "viewer" });
        }
      }}
    >
      {link ? (
        <>
          <DialogHeader>
            <DialogTitle>Invitation for {values.email}</DialogTitle>
            <DialogDescription>
              Send this link yourself (no email is sent). It works once and is shown only now.
            </DialogDescription>
          </DialogHeader>
          <SecretField label="Invitation link" secret={link} />
          <DialogFooter>
            <Button onClick={() => setOpen(false)}>Done</Button>
          </DialogFooter>
        </>
      ) : (
        <>
          <DialogHeader>
            <DialogTitle>Invite someone</DialogTitle>
            <DialogDescription>They choose their username and password at the link.</DialogDescription>
          </DialogHeader>
          <form onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="Invite someone">
            <TextField
              label="Email"
              type="email"
              value={values.email}
              onChange={(e) => setValues({ ...values, email: e.target.value })}
              error={errors.email}
              autoComplete="off"
            />
            <RoleField value={values.role} onChange={(role) => setValues({ ...values, role })} />
            <FormError message={errors.form} />
            <DialogFooter>
              <Button type="submit" disabled={invite.isPending}>
                {invite.isPending ? "Inviting…" : "Create invitation link"}
              </Button>
            </DialogFooter>
          </form>
        </>
      )}
    </UserDialog>
  );
}
