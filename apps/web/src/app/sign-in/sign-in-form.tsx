"use client";

import { type ReactNode, useEffect, useState } from "react";
import { Field, SubmitButton } from "../_components/auth-form";

/**
 * A plain POST to next-auth's credentials callback, with the CSRF token the server rendered:
 * it signs in before (or without) any JavaScript, and credentials never travel in a URL.
 * next-auth answers with a redirect, to the callback URL or back here with the error. Script,
 * once loaded, only shows that the form is on its way.
 */
export function SignInForm({
  csrfToken,
  callbackUrl,
  children,
}: {
  csrfToken: string;
  callbackUrl: string;
  children?: ReactNode;
}) {
  const [pending, setPending] = useState(false);
  // Coming back with the browser's back button restores the page as it was left: re-arm it.
  useEffect(() => {
    const reset = () => setPending(false);
    window.addEventListener("pageshow", reset);
    return () => window.removeEventListener("pageshow", reset);
  }, []);

  return (
    <form
      method="post"
      action="/api/auth/callback/credentials"
      onSubmit={() => setPending(true)}
      className="mt-8 space-y-4"
    >
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field label="Email or username" name="login" autoComplete="username" required maxLength={254} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        maxLength={256}
      />
      {children}
      <SubmitButton pending={pending} label="Sign in" pendingLabel="Signing in…" />
    </form>
  );
}
