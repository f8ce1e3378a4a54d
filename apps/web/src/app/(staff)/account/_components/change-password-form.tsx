"use client";

import { Button } from "@revolv/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@revolv/ui/card";
import { lazyToast as toast } from "@revolv/ui/lazy-toaster";
import { issuesFromError } from "@revolv/ui/server-issues";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { TextField } from "~/app/_components/text-field";
import { useTRPC } from "~/trpc/react";

type Field = "currentPassword" | "newPassword" | "confirm";

/**
 * The API's own schema, and Zod with it (about 33 kB), load when the form is first focused, not
 * with the page: most visits to the account page are for the sessions list.
 */
const loadSchema = () => import("@revolv/validators").then((module) => module.changePasswordSchema);

/**
 * Current password plus the new one twice. The form checks with the API's own schema first;
 * the server answers a wrong current password (400) and too many tries (429, the sign-in limit)
 * with messages shown as they come.
 */
export function ChangePasswordForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ currentPassword: "", newPassword: "", confirm: "" });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: async () => {
        setValues({ currentPassword: "", newPassword: "", confirm: "" });
        toast.success("Password changed; your other sessions were signed out.");
        await queryClient.invalidateQueries(trpc.sessions.list.pathFilter());
      },
      onError: (error) => {
        const issues = issuesFromError(error);
        const fieldIssues = issues?.filter((issue) => issue.field) ?? [];
        if (fieldIssues.length) {
          setErrors(Object.fromEntries(fieldIssues.map((issue) => [issue.field, issue.message])));
          return;
        }
        // A wrong current password (400) and the rate limit (429) say so in their message; an
        // internal error's message already carries its request id.
        setFormError(error.message);
      },
    }),
  );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const schema = await loadSchema().catch(() => null);
    if (!schema) {
      setFormError("The form could not load its checks. Reload the page and try again.");
      return;
    }
    const parsed = schema.safeParse(values);
    const next: Partial<Record<Field, string>> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) next[issue.path[0] as Field] ??= issue.message;
    }
    if (values.confirm !== values.newPassword) next.confirm = "The two new passwords differ";
    setErrors(next);
    if (Object.keys(next).length || !parsed.success) return;
    change.mutate(parsed.data);
  };

  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues((old) => ({ ...old, [field]: event.target.value }));

  return (
    <Card>
      <CardHeader>
        <CardTitle>Change your password</CardTitle>
        <CardDescription>
          At least 12 characters. Your other sessions are signed out; this one stays.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          onSubmit={(event) => void onSubmit(event)}
          onFocus={() => void loadSchema()}
          noValidate
          className="grid max-w-md gap-4"
          aria-label="Change your password"
        >
          <TextField
            label="Current password"
            type="password"
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={set("currentPassword")}
            error={errors.currentPassword}
          />
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            value={values.newPassword}
            onChange={set("newPassword")}
            error={errors.newPassword}
          />
          <TextField
            label="New password again"
            type="password"
            autoComplete="new-password"
            value={values.confirm}
            onChange={set("confirm")}
            error={errors.confirm}
          />
          {formError ? (
            <p role="alert" className="text-destructive text-sm">
              {formError}
            </p>
          ) : null}
          <div>
            <Button type="submit" disabled={change.isPending}>
              {change.isPending ? "Changing…" : "Change password"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
