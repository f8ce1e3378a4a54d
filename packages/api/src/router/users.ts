import { hashPassword } from "@revolv/auth";
import type { Database } from "@revolv/db/client";
import { publicUserColumns, roles, sessions, userSchema, users } from "@revolv/db/schema";
import {
  createdInvitationSchema,
  createInvitationSchema,
  createUserSchema,
  invitationIdInputSchema,
  invitationListSchema,
  invitationSchema,
  listUsersSchema,
  pageOutputSchema,
  type RoleName,
  updateUserRoleSchema,
  userIdInputSchema,
} from "@revolv/validators";
import { and, asc, count, eq, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import { recordAudit, type Transaction } from "../audit";
import { createInvitation, listPendingInvitations, revokeInvitation } from "../invitations";
import { pageOf, searchAny } from "../listing";
import { createTRPCRouter, protectedProcedure, requirePermission, TRPCError } from "../trpc";

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "No user with this id" });

const selectUsers = (db: Database | Transaction) =>
  db.select(publicUserColumns).from(users).innerJoin(roles, eq(roles.id, users.roleId));

async function loadForUpdate(tx: Transaction, id: string) {
  const [user] = await selectUsers(tx).where(eq(users.id, id)).for("update", { of: users });
  if (!user) throw notFound();
  return user;
}

export async function roleId(db: Database | Transaction, role: RoleName): Promise<string> {
  const [row] = await db.select({ id: roles.id }).from(roles).where(eq(roles.name, role));
  if (!row) throw new Error(`role ${role} is not seeded`);
  return row.id;
}

/** Inserts an account with a role and returns it as the API shows users. */
export async function insertUser(
  tx: Transaction,
  account: { username: string; email: string; passwordHash: string; role: RoleName },
) {
  const [created] = await tx
    .insert(users)
    .values({
      username: account.username,
      email: account.email,
      passwordHash: account.passwordHash,
      roleId: await roleId(tx, account.role),
    })
    .returning({ id: users.id });
  if (!created) throw new Error("user insert returned no row");
  const [user] = await selectUsers(tx).where(eq(users.id, created.id));
  if (!user) throw notFound();
  return user;
}

/** Admins cannot lock themselves out: no self-demotion, no self-disable. */
function refuseSelf(actorId: string, targetId: string, what: string) {
  if (actorId === targetId) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `You cannot ${what} your own account` });
  }
}

const tags = ["users"];

export const usersRouter = createTRPCRouter({
  me: protectedProcedure
    .meta({ openapi: { method: "GET", path: "/me", tags, summary: "The signed-in user" } })
    .input(z.void())
    .output(userSchema)
    .query(async ({ ctx }) => {
      const [user] = await selectUsers(ctx.db).where(eq(users.id, ctx.principal.userId));
      if (!user) throw notFound();
      return user;
    }),

  list: requirePermission("user:read")
    .meta({ openapi: { method: "GET", path: "/users", tags, summary: "List users" } })
    .input(listUsersSchema)
    .output(pageOutputSchema(userSchema))
    .query(async ({ ctx, input }) => {
      const filters: (SQL | undefined)[] = [
        input.role ? eq(roles.name, input.role) : undefined,
        input.status ? eq(users.disabled, input.status === "disabled") : undefined,
        input.search ? searchAny(input.search, [users.username, users.email]) : undefined,
      ];
      const where = and(...filters);
      const [items, [totals]] = await Promise.all([
        selectUsers(ctx.db)
          .where(where)
          .orderBy(asc(users.username), asc(users.id))
          .limit(input.pageSize)
          .offset((input.page - 1) * input.pageSize),
        ctx.db
          .select({ total: count() })
          .from(users)
          .innerJoin(roles, eq(roles.id, users.roleId))
          .where(where),
      ]);
      return pageOf(items, totals?.total ?? 0, input);
    }),

  get: requirePermission("user:read")
    .meta({ openapi: { method: "GET", path: "/users/{id}", tags, summary: "Get one user" } })
    .input(userIdInputSchema)
    .output(userSchema)
    .query(async ({ ctx, input }) => {
      const [user] = await selectUsers(ctx.db).where(eq(users.id, input.id));
      if (!user) throw notFound();
      return user;
    }),

  create: requirePermission("user:manage")
    .meta({ openapi: { method: "POST", path: "/users", tags, summary: "Create a user with a role" } })
    .input(createUserSchema)
    .output(userSchema)
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await hashPassword(input.password);
      return ctx.db.transaction(async (tx) => {
        const user = await insertUser(tx, { ...input, passwordHash });
        await recordAudit(tx, ctx, {
          action: "user.create",
          targetType: "user",
          targetId: user.id,
          after: user,
        });
        return user;
      });
    }),

  updateRole: requirePermission("user:manage")
    .meta({ openapi: { method: "PATCH", path: "/users/{id}/role", tags, summary: "Assign a role" } })
    .input(updateUserRoleSchema)
    .output(userSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const before = await loadForUpdate(tx, input.id);
        refuseSelf(ctx.principal.userId, input.id, "change the role of");
        if (before.role === input.role) return before;
        await tx
          .update(users)
          .set({ roleId: await roleId(tx, input.role) })
          .where(eq(users.id, input.id));
        const [after] = await selectUsers(tx).where(eq(users.id, input.id));
        if (!after) throw notFound();
        await recordAudit(tx, ctx, {
          action: "user.update_role",
          targetType: "user",
          targetId: input.id,
          before,
          after,
        });
        return after;
      }),
    ),

  disable: requirePermission("user:manage")
    .meta({
      openapi: {
        method: "POST",
        path: "/users/{id}/disable",
        tags,
        summary: "Disable an account; its sessions stop working at once",
      },
    })
    .input(userIdInputSchema)
    .output(userSchema)
    .mutation(({ ctx, input }) => setDisabled(ctx, input.id, true)),

  enable: requirePermission("user:manage")
    .meta({ openapi: { method: "POST", path: "/users/{id}/enable", tags, summary: "Enable an account" } })
    .input(userIdInputSchema)
    .output(userSchema)
    .mutation(({ ctx, input }) => setDisabled(ctx, input.id, false)),

  /**
   * A single-use link to create an account with the chosen role. The token is in this answer
   * only (the server keeps its hash); no email is sent, the admin passes the link on.
   */
  invite: requirePermission("user:manage")
    .meta({
      openapi: {
        method: "POST",
        path: "/invitations",
        tags,
        summary: "Invite someone by email: answers the single-use link /invite/<token> once",
      },
    })
    .input(createInvitationSchema)
    .output(createdInvitationSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const created = await createInvitation(tx, input, ctx.principal.userId);
        await recordAudit(tx, ctx, {
          action: "invitation.create",
          targetType: "invitation",
          targetId: created.invitation.id,
          after: created.invitation,
        });
        return created;
      }),
    ),

  invitations: requirePermission("user:manage")
    .meta({ openapi: { method: "GET", path: "/invitations", tags, summary: "Pending invitations" } })
    .input(z.void())
    .output(invitationListSchema)
    .query(async ({ ctx }) => ({ items: await listPendingInvitations(ctx.db) })),

  revokeInvitation: requirePermission("user:manage")
    .meta({
      openapi: {
        method: "DELETE",
        path: "/invitations/{id}",
        tags,
        summary: "Revoke an invitation; its link stops working at once",
      },
    })
    .input(invitationIdInputSchema)
    .output(invitationSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const invitation = await revokeInvitation(tx, input.id);
        if (!invitation) throw new TRPCError({ code: "NOT_FOUND", message: "No invitation with this id" });
        await recordAudit(tx, ctx, {
          action: "invitation.revoke",
          targetType: "invitation",
          targetId: input.id,
          after: invitation,
        });
        return invitation;
      }),
    ),
});

type MutationContext = Parameters<typeof recordAudit>[1] & { db: Database; principal: { userId: string } };

function setDisabled(ctx: MutationContext, id: string, disabled: boolean) {
  return ctx.db.transaction(async (tx) => {
    const before = await loadForUpdate(tx, id);
    if (disabled) refuseSelf(ctx.principal.userId, id, "disable");
    if (before.disabled === disabled) return before;
    await tx.update(users).set({ disabled }).where(eq(users.id, id));
    if (disabled) {
      // Refused on the next request anyway (the user is disabled); revoking also shows it in the list.
      await tx
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
    }
    const [after] = await selectUsers(tx).where(eq(users.id, id));
    if (!after) throw notFound();
    await recordAudit(tx, ctx, {
      action: disabled ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: id,
      before,
      after,
    });
    return after;
  });
}
