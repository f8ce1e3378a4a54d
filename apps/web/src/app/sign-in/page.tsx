import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { csrfTokenFromCookie } from "~/server/csrf-token";
import { getRuntime } from "~/server/services";
import { csrfCookieSentMarker, safeCallbackUrl, signInErrorMessage } from "~/server/sign-in";
import { AuthCard, FormMessage } from "../_components/auth-form";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Revolv Device Manager" };
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const csrfToken = await csrfTokenFromCookie(getRuntime().authSecret);

  if (!csrfToken) {
    // A page cannot set the cookie its token pairs with; /sign-in/csrf has next-auth set it.
    if (one(params[csrfCookieSentMarker.name]) !== csrfCookieSentMarker.value) {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(params)) if (typeof value === "string") query.set(key, value);
      redirect(`/sign-in/csrf?${query}`);
    }
    return (
      <AuthCard title="Sign in" lead="With your email address or username.">
        <div className="mt-8">
          <FormMessage tone="error">
            Your browser refused the sign-in cookie. Allow cookies for this site, then reload the page.
          </FormMessage>
        </div>
      </AuthCard>
    );
  }

  const callbackUrl = safeCallbackUrl(params.callbackUrl, (await headers()).get("host"));
  const message = signInErrorMessage(one(params.error), one(params.retryAfter));
  return (
    <AuthCard title="Sign in" lead="With your email address or username.">
      <SignInForm csrfToken={csrfToken} callbackUrl={callbackUrl}>
        {one(params.invited) && !message && (
          <FormMessage tone="success">Your account is ready. Sign in with your new password.</FormMessage>
        )}
        {message && <FormMessage tone="error">{message}</FormMessage>}
      </SignInForm>
    </AuthCard>
  );
}
