import { checkHealth } from "@revolv/api";
import Link from "next/link";
import { requestCaller, unlessUnauthorized } from "~/server/current-user";
import { getServices } from "~/server/services";
import { SignOutButton } from "./sign-out-button";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const api = await requestCaller();
  // The fleet's size is the fleet's business: shown to those who may read devices, through the API.
  const [health, user, fleet] = await Promise.all([
    checkHealth(getServices()),
    unlessUnauthorized(api.users.me()),
    unlessUnauthorized(api.devices.list({ pageSize: 1 })),
  ]);

  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <div className="flex items-center justify-end gap-3 text-sm">
        {user ? (
          <>
            <span className="text-slate-600 dark:text-slate-400">
              Signed in as <strong className="text-slate-900 dark:text-slate-100">{user.username}</strong> (
              {user.role})
            </span>
            <SignOutButton />
          </>
        ) : (
          <Link
            href="/sign-in"
            className="font-medium text-slate-900 underline underline-offset-4 dark:text-slate-100"
          >
            Sign in
          </Link>
        )}
      </div>
      <p className="font-medium text-brand text-sm uppercase tracking-wide">Revolv</p>
      <h1 className="mt-2 font-semibold text-3xl">Device Manager</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-400">
        Fleet management for reverse vending machines and payment Soundboxes.
      </p>

      <section className="mt-10 grid gap-4 sm:grid-cols-3">
        <StatCard label="Devices registered" value={fleet ? String(fleet.total) : "sign in to see"} />
        <StatCard label="Postgres" value={health.checks.postgres} ok={health.checks.postgres === "ok"} />
        <StatCard
          label="ClickHouse"
          value={health.checks.clickhouse}
          ok={health.checks.clickhouse === "ok"}
        />
      </section>

      {fleet?.total === 0 && (
        <p className="mt-8 rounded-md border border-slate-300 border-dashed p-4 text-slate-600 text-sm dark:border-slate-700 dark:text-slate-400">
          No devices yet. Register one through the API (<code>devices.create</code>) or start the simulator
          with <code>pnpm simulate</code>.
        </p>
      )}
      <p className="mt-10 text-slate-500 text-sm dark:text-slate-400">
        API:{" "}
        <a href="/api/docs" className="underline underline-offset-4">
          interactive docs
        </a>{" "}
        ·{" "}
        <a href="/api/openapi.json" className="underline underline-offset-4">
          OpenAPI document
        </a>
      </p>
    </main>
  );
}

function StatCard({ label, value, ok }: { label: string; value: string; ok?: boolean }) {
  const tone =
    ok === undefined
      ? "text-slate-900 dark:text-slate-100"
      : ok
        ? "text-emerald-700 dark:text-emerald-400"
        : "text-red-700 dark:text-red-400";
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <p className="text-slate-500 text-xs uppercase tracking-wide dark:text-slate-400">{label}</p>
      <p className={`mt-1 truncate font-semibold text-xl ${tone}`} title={value}>
        {value}
      </p>
    </div>
  );
}
