"use server";

import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { requestCaller } from "~/server/current-user";

export interface AcceptInvitationState {
  error: string | null;
  /** Kept so a refused form comes back filled in (passwords never are). */
  username: string;
}

/**
 * The invitation form's Server Action: without JavaScript the browser posts the form and gets
 * the page back with this state, so it needs no script. Errors a user can cause (a spent link,
 * a taken username, a short password) come back as the API's own words.
 */
export async function acceptInvitationAction(
  _previous: AcceptInvitationState,
  form: FormData,
): Promise<AcceptInvitationState> {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const username = field("username");
  if (field("password") !== field("confirmPassword")) {
    return { error: "The two passwords differ.", username };
  }
  try {
    const api = await requestCaller();
    await api.auth.acceptInvitation({ token: field("token"), username, password: field("password") });
  } catch (error) {
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
      return { error: error.message, username };
    }
    throw error;
  }
  redirect("/sign-in?invited=1");
}
