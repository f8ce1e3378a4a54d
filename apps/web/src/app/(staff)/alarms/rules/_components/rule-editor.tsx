"use client";

import { Button } from "@revolv/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@revolv/ui/dialog";
import { Input } from "@revolv/ui/input";
import { Label } from "@revolv/ui/label";
import { SecretField } from "@revolv/ui/secret-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@revolv/ui/select";
import { Switch } from "@revolv/ui/switch";
import { Textarea } from "@revolv/ui/textarea";
import {
  type AlarmBacktest,
  type AlarmRule,
  alarmBacktestInputSchema,
  alarmSeverities,
  createAlarmRuleSchema,
  deviceTypes,
  type MetricName,
  metricCatalog,
} from "@revolv/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { type ReactNode, useId, useState } from "react";
import { requestIdOf } from "~/app/_components/request-error";
import { useTRPC } from "~/trpc/react";
import {
  type ConditionKind,
  conditionKinds,
  conditionOf,
  type DraftChannel,
  draftOf,
  emptyDraft,
  metricsOfKind,
  newWebhookSecret,
  type RuleDraft,
  ruleInputOf,
  scopeOf,
} from "./rule-draft";

const any = "any";

function Field({
  label,
  children,
  hint,
}: {
  label: string;
  children: (id: string) => ReactNode;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children(id)}
      {hint ? <p className="text-muted-foreground text-xs">{hint}</p> : null}
    </div>
  );
}

const failure = (error: unknown) => {
  const requestId = requestIdOf(error);
  return `${(error as Error).message}${requestId ? ` (request ${requestId})` : ""}`;
};

/**
 * Creates or edits a rule: scope, one condition of any kind, severity, channels, and a backtest
 * of the draft over the last 24 h / 7 d before it is saved. A new webhook's signing secret is
 * generated here and shown once, after saving: the server keeps it encrypted and never answers it.
 */
export function RuleEditor({
  rule,
  open,
  onClose,
}: {
  rule: AlarmRule | null;
  open: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? draftOf(rule) : emptyDraft));
  const [error, setError] = useState<string | null>(null);
  const [secrets, setSecrets] = useState<{ url: string; secret: string }[] | null>(null);
  const [backtest, setBacktest] = useState<AlarmBacktest | null>(null);
  const set = (change: Partial<RuleDraft>) => {
    setDraft((old) => ({ ...old, ...change }));
    // A backtest answers for a scope and a condition; naming or notifying changes neither.
    const untouched = ["name", "description", "enabled", "severity", "channels"];
    if (Object.keys(change).some((key) => !untouched.includes(key))) setBacktest(null);
  };

  const saved = async () => {
    await queryClient.invalidateQueries(trpc.alarms.rules.pathFilter());
    const newSecrets = draft.channels.flatMap((ch) =>
      ch.kind === "webhook" && ch.secret ? [{ url: ch.url, secret: ch.secret }] : [],
    );
    if (newSecrets.length) setSecrets(newSecrets);
    else onClose();
  };
  const create = useMutation(trpc.alarms.rules.create.mutationOptions({ onSuccess: saved }));
  const update = useMutation(trpc.alarms.rules.update.mutationOptions({ onSuccess: saved }));
  const runBacktest = useMutation(trpc.alarms.rules.backtest.mutationOptions({ onSuccess: setBacktest }));

  const save = () => {
    setError(null);
    const parsed = createAlarmRuleSchema.safeParse(ruleInputOf(draft));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(`${issue?.path.join(".") || "rule"}: ${issue?.message}`);
      return;
    }
    const onError = (e: unknown) => setError(failure(e));
    if (rule) update.mutate({ id: rule.id, ...parsed.data }, { onError });
    else create.mutate(parsed.data, { onError });
  };

  const test = (window: "24h" | "7d") => {
    setError(null);
    const parsed = alarmBacktestInputSchema.safeParse({
      scope: scopeOf(draft),
      condition: conditionOf(draft),
      window,
    });
    if (!parsed.success) {
      setError(`Backtest: ${parsed.error.issues[0]?.message}`);
      return;
    }
    runBacktest.mutate(parsed.data, { onError: (e) => setError(failure(e)) });
  };

  const metricChoices = (kind: "gauge" | "state") =>
    metricsOfKind(kind).filter((m) => !draft.deviceType || metricCatalog[m].deviceType === draft.deviceType);
  const setChannel = (index: number, change: Partial<DraftChannel>) =>
    set({
      channels: draft.channels.map((ch, i) => (i === index ? ({ ...ch, ...change } as DraftChannel) : ch)),
    });

  return (
    <Dialog open={open} onOpenChange={(next) => !next && onClose()}>
      <DialogContent className="max-h-[90svh] overflow-y-auto sm:max-w-2xl">
        {secrets ? (
          <>
            <DialogHeader>
              <DialogTitle>{draft.name} is saved</DialogTitle>
              <DialogDescription>
                Each webhook delivery carries X-Revolv-Signature, an HMAC-SHA256 of the body with this secret.
              </DialogDescription>
            </DialogHeader>
            {secrets.map((s) => (
              <SecretField key={s.url} label={`Signing secret for ${s.url}`} secret={s.secret} />
            ))}
            <DialogFooter>
              <Button onClick={onClose}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form
            className="grid gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              save();
            }}
          >
            <DialogHeader>
              <DialogTitle>{rule ? `Edit ${rule.name}` : "New alarm rule"}</DialogTitle>
              <DialogDescription>
                Backtest the draft against stored telemetry before you save it.
              </DialogDescription>
            </DialogHeader>
            <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
              <Field label="Name">
                {(id) => (
                  <Input
                    id={id}
                    value={draft.name}
                    onChange={(e) => set({ name: e.target.value })}
                    required
                  />
                )}
              </Field>
              <Field label="Severity">
                {(id) => (
                  <Select
                    value={draft.severity}
                    onValueChange={(v) => set({ severity: v as RuleDraft["severity"] })}
                  >
                    <SelectTrigger id={id} className="w-full">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {alarmSeverities.map((s) => (
                        <SelectItem key={s} value={s}>
                          {s[0]?.toUpperCase() + s.slice(1)}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              </Field>
            </div>
            <Field label="Description">
              {(id) => (
                <Textarea
                  id={id}
                  value={draft.description}
                  onChange={(e) => set({ description: e.target.value })}
                />
              )}
            </Field>

            <fieldset className="grid gap-3 rounded-md border p-3 sm:grid-cols-3">
              <legend className="px-1 font-medium text-sm">Scope (every field given must match)</legend>
              <Field label="Device type">
                {(id) => (
                  <Select
                    value={draft.deviceType || any}
                    onValueChange={(v) =>
                      set({ deviceType: v === any ? "" : (v as RuleDraft["deviceType"]) })
                    }
                  >
                    <SelectTrigger id={id} className="w-full">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      <SelectItem value={any}>Any type</SelectItem>
                      {deviceTypes.map((t) => (
                        <SelectItem key={t} value={t}>
                          {t === "rvm" ? "Reverse vending machine" : "Soundbox"}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              </Field>
              <Field label="Site">
                {(id) => (
                  <Input
                    id={id}
                    value={draft.site}
                    placeholder="Any site"
                    onChange={(e) => set({ site: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Tag">
                {(id) => (
                  <Input
                    id={id}
                    value={draft.tag}
                    placeholder="Any tag"
                    onChange={(e) => set({ tag: e.target.value })}
                  />
                )}
              </Field>
            </fieldset>

            <fieldset className="grid gap-3 rounded-md border p-3 sm:grid-cols-2">
              <legend className="px-1 font-medium text-sm">Condition</legend>
              <Field label="Kind">
                {(id) => (
                  <Select
                    value={draft.kind}
                    onValueChange={(v) => {
                      const kind = v as ConditionKind;
                      const metric = kind === "state" ? metricChoices("state")[0] : metricChoices("gauge")[0];
                      set({
                        kind,
                        ...(metric && { metric }),
                        ...(kind === "battery" && { threshold: "20", clearThreshold: "30" }),
                      });
                    }}
                  >
                    <SelectTrigger id={id} className="w-full">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {conditionKinds.map((k) => (
                        <SelectItem key={k.kind} value={k.kind}>
                          {k.label}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              </Field>
              {draft.kind === "threshold" || draft.kind === "state" ? (
                <Field label="Metric">
                  {(id) => (
                    <Select value={draft.metric} onValueChange={(v) => set({ metric: v })}>
                      <SelectTrigger id={id} className="w-full">
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {metricChoices(draft.kind === "state" ? "state" : "gauge").map((m) => (
                          <SelectItem key={m} value={m}>
                            {metricCatalog[m as MetricName].description} ({m})
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  )}
                </Field>
              ) : null}
              {draft.kind === "threshold" ? (
                <>
                  <Field label="Operator">
                    {(id) => (
                      <Select
                        value={draft.operator}
                        onValueChange={(v) => set({ operator: v as "above" | "below" })}
                      >
                        <SelectTrigger id={id} className="w-full">
                          <SelectValue />
                        </SelectTrigger>
                        <SelectContent>
                          <SelectItem value="above">At or above</SelectItem>
                          <SelectItem value="below">At or below</SelectItem>
                        </SelectContent>
                      </Select>
                    )}
                  </Field>
                  <Field label="Threshold">
                    {(id) => (
                      <Input
                        id={id}
                        inputMode="decimal"
                        value={draft.threshold}
                        onChange={(e) => set({ threshold: e.target.value })}
                      />
                    )}
                  </Field>
                  <Field
                    label="Clear threshold"
                    hint="Hysteresis: cleared only once the value is back past this"
                  >
                    {(id) => (
                      <Input
                        id={id}
                        inputMode="decimal"
                        value={draft.clearThreshold}
                        onChange={(e) => set({ clearThreshold: e.target.value })}
                      />
                    )}
                  </Field>
                </>
              ) : null}
              {draft.kind === "state" ? (
                <Field label="Equals" hint="1 = jammed / door open">
                  {(id) => (
                    <Input
                      id={id}
                      inputMode="numeric"
                      value={draft.equals}
                      onChange={(e) => set({ equals: e.target.value })}
                    />
                  )}
                </Field>
              ) : null}
              {draft.kind === "fault" ? (
                <Field label="Fault codes" hint="Empty: any fault code other than 0">
                  {(id) => (
                    <Input
                      id={id}
                      value={draft.codes}
                      placeholder="e.g. 12, 40"
                      onChange={(e) => set({ codes: e.target.value })}
                    />
                  )}
                </Field>
              ) : null}
              {draft.kind === "offline" ? (
                <Field label="Minutes without a message">
                  {(id) => (
                    <Input
                      id={id}
                      inputMode="numeric"
                      value={draft.minutes}
                      onChange={(e) => set({ minutes: e.target.value })}
                    />
                  )}
                </Field>
              ) : null}
              {draft.kind === "battery" ? (
                <>
                  <Field label="Below %">
                    {(id) => (
                      <Input
                        id={id}
                        inputMode="decimal"
                        value={draft.threshold}
                        onChange={(e) => set({ threshold: e.target.value })}
                      />
                    )}
                  </Field>
                  <Field label="Cleared above %">
                    {(id) => (
                      <Input
                        id={id}
                        inputMode="decimal"
                        value={draft.clearThreshold}
                        onChange={(e) => set({ clearThreshold: e.target.value })}
                      />
                    )}
                  </Field>
                </>
              ) : null}
              {draft.kind === "threshold" || draft.kind === "state" || draft.kind === "battery" ? (
                <Field label="For at least (minutes)" hint="0 raises on the first reading">
                  {(id) => (
                    <Input
                      id={id}
                      inputMode="decimal"
                      value={draft.forMinutes}
                      onChange={(e) => set({ forMinutes: e.target.value })}
                    />
                  )}
                </Field>
              ) : null}
            </fieldset>

            <fieldset className="grid gap-3 rounded-md border p-3">
              <legend className="px-1 font-medium text-sm">Notifications</legend>
              {draft.channels.length === 0 ? (
                <p className="text-muted-foreground text-sm">
                  No channels: the alarm shows in the console only.
                </p>
              ) : null}
              {draft.channels.map((ch, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: new channels have no id until saved
                <div key={index} className="flex items-end gap-2">
                  {ch.kind === "webhook" ? (
                    <div className="grid flex-1 gap-1">
                      <Field label="Webhook URL">
                        {(id) => (
                          <Input
                            id={id}
                            type="url"
                            value={ch.url}
                            placeholder="https://example.com/alarms"
                            onChange={(e) => setChannel(index, { url: e.target.value })}
                          />
                        )}
                      </Field>
                      <p className="text-muted-foreground text-xs">
                        {ch.secret
                          ? "A new signing secret is shown once, after saving."
                          : "Keeps its signing secret. "}
                        {ch.secret ? null : (
                          <button
                            type="button"
                            className="underline underline-offset-4"
                            onClick={() => setChannel(index, { secret: newWebhookSecret() })}
                          >
                            Rotate it
                          </button>
                        )}
                      </p>
                    </div>
                  ) : (
                    <div className="flex-1">
                      <Field label="Email addresses" hint="Separated by commas">
                        {(id) => (
                          <Input
                            id={id}
                            value={ch.to}
                            placeholder="ops@example.com"
                            onChange={(e) => setChannel(index, { to: e.target.value })}
                          />
                        )}
                      </Field>
                    </div>
                  )}
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    aria-label="Remove channel"
                    onClick={() => set({ channels: draft.channels.filter((_, i) => i !== index) })}
                  >
                    <Trash2 />
                  </Button>
                </div>
              ))}
              <div className="flex gap-2">
                <Button
                  type="button"
                  size="sm"
                  variant="outline"
                  onClick={() =>
                    set({
                      channels: [...draft.channels, { kind: "webhook", url: "", secret: newWebhookSecret() }],
                    })
                  }
                >
                  Add webhook
                </Button>
                <Button
                  type="button"
                  size="sm"
                  variant="outline"
                  onClick={() => set({ channels: [...draft.channels, { kind: "email", to: "" }] })}
                >
                  Add email
                </Button>
              </div>
            </fieldset>

            <section className="grid gap-2 rounded-md border p-3" aria-label="Backtest">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-sm">Backtest</span>
                <Button
                  type="button"
                  size="sm"
                  variant="secondary"
                  disabled={runBacktest.isPending}
                  onClick={() => test("24h")}
                >
                  Backtest 24 h
                </Button>
                <Button
                  type="button"
                  size="sm"
                  variant="secondary"
                  disabled={runBacktest.isPending}
                  onClick={() => test("7d")}
                >
                  Backtest 7 d
                </Button>
              </div>
              <p className="text-sm" role="status" data-slot="backtest-result">
                {runBacktest.isPending
                  ? "Replaying stored telemetry…"
                  : backtest
                    ? `Over the last ${backtest.window === "24h" ? "24 hours" : "7 days"} this rule would have fired ${backtest.firings} time${backtest.firings === 1 ? "" : "s"} on ${backtest.devicesFiring} of ${backtest.devicesEvaluated} device${backtest.devicesEvaluated === 1 ? "" : "s"} (minute resolution).`
                    : draft.kind === "offline"
                      ? "An offline rule judges last-seen times, which have no history to replay."
                      : "How often would the draft have fired? Run a backtest."}
              </p>
            </section>

            <div className="flex items-center gap-2">
              <Switch
                id="rule-enabled"
                checked={draft.enabled}
                onCheckedChange={(on) => set({ enabled: on })}
              />
              <Label htmlFor="rule-enabled">Enabled</Label>
            </div>
            {error ? (
              <p role="alert" className="text-destructive text-sm">
                {error}
              </p>
            ) : null}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" disabled={create.isPending || update.isPending}>
                {rule ? "Save rule" : "Create rule"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
