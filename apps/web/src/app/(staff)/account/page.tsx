import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { requirePageAccess } from "../../_auth/page-access";
import { AccountSessions } from "./_components/account-sessions";
import { ChangePasswordForm } from "./_components/change-password-form";

export const metadata: Metadata = { title: "Account · Revolv Device Manager" };
export const dynamic = "force-dynamic";

/** Every role's own page: the password and the sessions of the signed-in user. */
export default async function AccountPage() {
  await requirePageAccess("authenticated", "/account");
  prefetch(trpc.sessions.list.queryOptions());
  return (
    <HydrateClient>
      <div className="mx-auto grid max-w-4xl gap-6">
        <h1 className="font-semibold text-2xl">Account</h1>
        <ChangePasswordForm />
        <AccountSessions />
      </div>
    </HydrateClient>
  );
}
