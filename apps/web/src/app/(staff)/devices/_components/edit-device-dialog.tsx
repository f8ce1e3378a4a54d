"use client";

import type { AppRouter } from "@revolv/api";
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
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@revolv/ui/select";
import { toast } from "@revolv/ui/toaster";
import { updateDeviceSchema } from "@revolv/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { type ReactNode, useId, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { statusLabels } from "./device-labels";

type Device = inferRouterOutputs<AppRouter>["devices"]["get"];
type UpdateInput = Parameters<typeof updateDeviceSchema.parse>[0];
const settableStatuses = updateDeviceSchema.shape.status.unwrap().options;
type SettableStatus = (typeof settableStatuses)[number];
const unchanged = "unchanged";

type Draft = {
  name: string;
  site: string;
  tags: string;
  latitude: string;
  longitude: string;
  firmwareVersion: string;
  status: SettableStatus | typeof unchanged;
};

const draftOf = (device: Device): Draft => ({
  name: device.name,
  site: device.site,
  tags: device.tags.join(" "),
  latitude: device.latitude?.toString() ?? "",
  longitude: device.longitude?.toString() ?? "",
  firmwareVersion: device.firmwareVersion ?? "",
  status: (settableStatuses as readonly string[]).includes(device.status)
    ? (device.status as SettableStatus)
    : unchanged,
});

const number = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** The form's text as the update input; empty location or firmware means "unknown" (null). */
function inputOf(device: Device, draft: Draft): UpdateInput {
  const hasLocation = draft.latitude.trim() !== "" || draft.longitude.trim() !== "";
  return {
    id: device.id,
    name: draft.name,
    site: draft.site,
    tags: draft.tags.split(/[\s,;]+/).filter((tag) => tag !== ""),
    location: hasLocation ? { latitude: number(draft.latitude), longitude: number(draft.longitude) } : null,
    firmwareVersion: draft.firmwareVersion.trim() === "" ? null : draft.firmwareVersion,
    ...(draft.status !== unchanged && draft.status !== device.status && { status: draft.status }),
  };
}

/** Issues by the form field they belong to (`location.latitude` → latitude, `tags.2` → tags). */
function issuesByField(issues: { path: PropertyKey[]; message: string }[]) {
  const byField: Partial<Record<keyof Draft | "form", string>> = {};
  for (const issue of issues) {
    const [head, sub] = issue.path.map(String);
    const field = (head === "location" ? (sub ?? "latitude") : (head ?? "form")) as keyof Draft | "form";
    byField[field] ??= issue.message;
  }
  return byField;
}

/** Edits what `devices.update` takes, checked in the browser by the schema the API validates with. */
export function EditDeviceDialog({ device, onClose }: { device: Device; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(device));
  const [issues, setIssues] = useState<ReturnType<typeof issuesByField>>({});
  const update = useMutation(
    trpc.devices.update.mutationOptions({
      onSuccess: async (saved) => {
        toast.success(`${saved.name} saved`);
        onClose();
        await queryClient.invalidateQueries(trpc.devices.pathFilter());
      },
      onError: (error) => {
        const fieldIssues = (error.data as { issues?: { path: string[]; message: string }[] } | undefined)
          ?.issues;
        setIssues(fieldIssues?.length ? issuesByField(fieldIssues) : { form: error.message });
      },
    }),
  );

  const submit = () => {
    const parsed = updateDeviceSchema.safeParse(inputOf(device, draft));
    if (!parsed.success) {
      setIssues(issuesByField(parsed.error.issues));
      return;
    }
    setIssues({});
    update.mutate(parsed.data);
  };

  const field = (name: keyof Omit<Draft, "status">, label: string, hint?: ReactNode) => (
    <EditField
      label={label}
      value={draft[name]}
      issue={issues[name]}
      hint={hint}
      onChange={(value) => setDraft({ ...draft, [name]: value })}
    />
  );

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <form
          aria-label={`Edit ${device.name}`}
          noValidate
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <DialogHeader>
            <DialogTitle>Edit {device.name}</DialogTitle>
            <DialogDescription>
              Serial <span className="font-mono">{device.serialNumber}</span>; type and serial cannot change.
            </DialogDescription>
          </DialogHeader>
          {field("name", "Name")}
          {field("site", "Site")}
          {field("tags", "Tags", "Separated by spaces, e.g. zone:north pilot")}
          <div className="grid grid-cols-2 gap-3">
            {field("latitude", "Latitude")}
            {field("longitude", "Longitude")}
          </div>
          {field("firmwareVersion", "Firmware version")}
          <StatusField
            value={draft.status}
            current={device.status}
            onChange={(status) => setDraft({ ...draft, status })}
          />
          {issues.form ? (
            <p role="alert" className="text-sm text-destructive">
              {issues.form}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save changes
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function EditField({
  label,
  value,
  issue,
  hint,
  onChange,
}: {
  label: string;
  value: string;
  issue?: string;
  hint?: ReactNode;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        value={value}
        autoComplete="off"
        aria-invalid={issue ? true : undefined}
        aria-describedby={issue ? `${id}-issue` : hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {issue ? (
        <p id={`${id}-issue`} className="text-sm text-destructive">
          {issue}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Staff may set maintenance (or clear it); a provisioned device keeps its status until it speaks. */
function StatusField({
  value,
  current,
  onChange,
}: {
  value: Draft["status"];
  current: Device["status"];
  onChange: (status: Draft["status"]) => void;
}) {
  const id = useId();
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>Status</Label>
      <Select value={value} onValueChange={(next) => onChange(next as Draft["status"])}>
        <SelectTrigger id={id} className="w-full">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {value === unchanged ? (
            <SelectItem value={unchanged}>{statusLabels[current]} (unchanged)</SelectItem>
          ) : null}
          {settableStatuses.map((status) => (
            <SelectItem key={status} value={status}>
              {statusLabels[status]}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}
