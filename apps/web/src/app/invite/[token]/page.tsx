import type { Metadata } from "next";
import { AuthCard } from "../../_components/auth-form";
import { InviteForm } from "./invite-form";

// The token is in the URL: no Referer carries it off this site, and no search engine keeps it.
// (`no-referrer` would also blank the Origin of the form's post, which Server Actions refuse.)
export const metadata: Metadata = {
  title: "Accept your invitation · Revolv Device Manager",
  referrer: "same-origin",
  robots: { index: false, follow: false },
};
export const dynamic = "force-dynamic";

/**
 * Where an invitation link leads (`users.invite` answers `/invite/<token>`). The API judges the
 * token when the form is sent, so an unknown, spent or expired link says so there.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <AuthCard
      title="Create your account"
      lead="You were invited to Revolv. Choose a username and a password."
    >
      <InviteForm token={token} />
    </AuthCard>
  );
}
