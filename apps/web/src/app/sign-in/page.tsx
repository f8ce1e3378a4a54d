import type { Metadata } from "next";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Revolv Device Manager" };

/** Only paths on this site: a crafted link must not send someone elsewhere after signing in. */
function safeCallbackUrl(value: string | string[] | undefined): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { callbackUrl } = await searchParams;
  return (
    <main className="mx-auto max-w-sm px-6 py-16">
      <p className="font-medium text-brand text-sm uppercase tracking-wide">Revolv</p>
      <h1 className="mt-2 font-semibold text-2xl">Sign in</h1>
      <p className="mt-2 text-slate-600 text-sm">With your email address or username.</p>
      <SignInForm callbackUrl={safeCallbackUrl(callbackUrl)} />
    </main>
  );
}
