"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "../../_components/auth-form";
import { type AcceptInvitationState, acceptInvitationAction } from "./actions";

const initialState: AcceptInvitationState = { error: null, username: "" };

export function InviteForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(acceptInvitationAction, initialState);
  return (
    <form action={formAction} className="mt-8 space-y-4">
      <input type="hidden" name="token" value={token} />
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        required
        minLength={3}
        maxLength={64}
        defaultValue={state.username}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        maxLength={256}
      />
      <Field
        label="Repeat the password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        maxLength={256}
      />
      {state.error && <FormMessage tone="error">{state.error}</FormMessage>}
      <SubmitButton pending={pending} label="Create account" pendingLabel="Creating account…" />
    </form>
  );
}
