import { generateInvitationToken, hashInvitationToken } from "@revolv/auth";
import type { Database } from "@revolv/db/client";
import { invitations, roles, users } from "@revolv/db/schema";
import type { CreateInvitationInput } from "@revolv/validators";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Transaction } from "./audit";
import { TRPCError } from "./trpc";

/** What the API shows of an invitation; the token hash never leaves the server. */
const invitationColumns = {
  id: invitations.id,
  email: invitations.email,
  role: roles.name,
  invitedBy: invitations.invitedBy,
  createdAt: invitations.createdAt,
  expiresAt: invitations.expiresAt,
};

const selectInvitations = (db: Database | Transaction) =>
  db.select(invitationColumns).from(invitations).innerJoin(roles, eq(roles.id, invitations.roleId));

const isPending = (now: Date) =>
  and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

const dayMs = 24 * 60 * 60 * 1000;

/** The path the invitee opens; the web app serves it (`apps/web/src/app/invite/[token]`). */
export const invitationPath = (token: string) => `/invite/${token}`;

export async function createInvitation(tx: Transaction, input: CreateInvitationInput, invitedBy: string) {
  const [existing] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`)
    .limit(1);
  if (existing) throw new TRPCError({ code: "CONFLICT", message: "A user with this email already exists" });

  const [role] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.name, input.role));
  if (!role) throw new Error(`role ${input.role} is not seeded`);
  const token = generateInvitationToken();
  const [created] = await tx
    .insert(invitations)
    .values({
      email: input.email,
      roleId: role.id,
      tokenHash: hashInvitationToken(token),
      invitedBy,
      expiresAt: new Date(Date.now() + input.expiresInDays * dayMs),
    })
    .returning({ id: invitations.id });
  if (!created) throw new Error("invitation insert returned no row");
  const [invitation] = await selectInvitations(tx).where(eq(invitations.id, created.id));
  if (!invitation) throw new Error("invitation vanished after insert");
  return { invitation, token, path: invitationPath(token) };
}

/** Pending only: accepted, revoked and expired invitations are history (the audit trail keeps it). */
export function listPendingInvitations(db: Database) {
  return selectInvitations(db)
    .where(isPending(new Date()))
    .orderBy(asc(invitations.createdAt), asc(invitations.id))
    .limit(500);
}

/** Revokes a pending invitation; null when there is none with this id, an error when it is spent. */
export async function revokeInvitation(tx: Transaction, id: string) {
  const [row] = await tx
    .select({ acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt })
    .from(invitations)
    .where(eq(invitations.id, id))
    .for("update");
  if (!row) return null;
  if (row.acceptedAt) {
    throw new TRPCError({ code: "CONFLICT", message: "This invitation was already accepted" });
  }
  if (!row.revokedAt)
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, id));
  const [invitation] = await selectInvitations(tx).where(eq(invitations.id, id));
  return invitation ?? null;
}

/**
 * Spends the invitation the token belongs to, in the caller's transaction: the conditional
 * UPDATE lets exactly one of two racing accepts through. A token that does not spend answers
 * 400 saying why (the holder of a link may know what became of it).
 */
export async function spendInvitation(tx: Transaction, token: string) {
  const now = new Date();
  const tokenHash = hashInvitationToken(token);
  const [spent] = await tx
    .update(invitations)
    .set({ acceptedAt: now })
    .where(and(eq(invitations.tokenHash, tokenHash), isPending(now)))
    .returning({ id: invitations.id, email: invitations.email, roleId: invitations.roleId });
  if (spent) {
    const [role] = await tx.select({ name: roles.name }).from(roles).where(eq(roles.id, spent.roleId));
    if (!role) throw new Error(`role ${spent.roleId} of invitation ${spent.id} is gone`);
    return { id: spent.id, email: spent.email, role: role.name };
  }
  const [row] = await tx
    .select({
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(eq(invitations.tokenHash, tokenHash));
  throw new TRPCError({ code: "BAD_REQUEST", message: whyNotPending(row) });
}

function whyNotPending(
  row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date } | undefined,
) {
  if (!row) return "This invitation link is not valid";
  if (row.acceptedAt) return "This invitation was already used; sign in instead";
  if (row.revokedAt) return "This invitation was revoked; ask an admin for a new one";
  return "This invitation has expired; ask an admin for a new one";
}

export async function recordAcceptedBy(tx: Transaction, invitationId: string, userId: string) {
  await tx.update(invitations).set({ acceptedUserId: userId }).where(eq(invitations.id, invitationId));
}
