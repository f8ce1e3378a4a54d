"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";

/**
 * next-auth answers a wrong login with `CredentialsSignin`, the same for an unknown account,
 * a wrong password and a disabled one; a rate-limited login carries the server's own words.
 */
function describeError(error: string): string {
  if (error === "CredentialsSignin") return "Wrong email/username or password.";
  if (/too many/i.test(error)) return error;
  return "Signing in failed. Try again.";
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    // Fetches next-auth's CSRF token and posts it with the credentials.
    const result = await signIn("credentials", {
      redirect: false,
      login: String(form.get("login") ?? ""),
      password: String(form.get("password") ?? ""),
      callbackUrl,
    });
    setPending(false);
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setError(describeError(result?.error ?? ""));
  }

  return (
    <form onSubmit={onSubmit} className="mt-8 space-y-4">
      <label className="block">
        <span className="font-medium text-sm">Email or username</span>
        <input
          name="login"
          autoComplete="username"
          required
          maxLength={254}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm"
        />
      </label>
      <label className="block">
        <span className="font-medium text-sm">Password</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={256}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm"
        />
      </label>
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800 text-sm">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-slate-900 px-4 py-2 font-medium text-sm text-white disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
