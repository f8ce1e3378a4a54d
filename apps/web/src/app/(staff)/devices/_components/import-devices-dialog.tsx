"use client";

import type { AppRouter } from "@revolv/api";
import { Badge } from "@revolv/ui/badge";
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
import { toast } from "@revolv/ui/toaster";
import { deviceImportColumns, maxImportBytes, maxImportRows } from "@revolv/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Download, TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
import type { DialogOpenState } from "~/app/_components/lazy-dialog";
import { useTRPC } from "~/trpc/react";
import { credentialsCsv, downloadText } from "./credentials-csv";

type Outputs = inferRouterOutputs<AppRouter>["devices"];
type Step =
  | { kind: "choose" }
  | { kind: "preview"; csv: string; fileName: string; preview: Outputs["importPreview"] }
  | { kind: "created"; result: Outputs["importCommit"]; downloaded: boolean };

const devicesCount = (n: number) => `${n} ${n === 1 ? "device" : "devices"}`;

/**
 * Imports devices from a CSV in two calls: a preview that creates nothing and lists every row's
 * problems, then, once confirmed, the commit (which validates again in its transaction). The new
 * credentials exist only in this dialog's memory until downloaded; closing it discards them.
 */
export function ImportDevicesDialog({ open, setOpen }: DialogOpenState) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fileId = useId();
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [fileIssue, setFileIssue] = useState<string | null>(null);

  const preview = useMutation(trpc.devices.importPreview.mutationOptions());
  const commit = useMutation(
    trpc.devices.importCommit.mutationOptions({
      onSuccess: async (result) => {
        setStep({ kind: "created", result, downloaded: false });
        toast.success(`${devicesCount(result.created.length)} registered`);
        await queryClient.invalidateQueries(trpc.devices.pathFilter());
      },
      onError: (error) => toast.error(`Nothing was created: ${error.message}`),
    }),
  );

  const choose = async (file: File | undefined) => {
    setFileIssue(null);
    if (!file) return;
    if (file.size > maxImportBytes) {
      setFileIssue(`The file must be at most ${maxImportBytes / 1_000_000} MB`);
      return;
    }
    const csv = await file.text();
    try {
      const result = await preview.mutateAsync({ csv });
      setStep({ kind: "preview", csv, fileName: file.name, preview: result });
    } catch (error) {
      // A file-level problem (not CSV, a column missing): the server's 400 says which.
      setFileIssue(error instanceof Error ? error.message : "The file could not be read");
    }
  };

  const reset = () => {
    setStep({ kind: "choose" });
    setFileIssue(null);
    preview.reset();
    commit.reset();
  };

  // "Done" closes through here too, so the next opening starts at the file picker, not at the
  // previous import's credentials.
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) reset();
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>Import devices from CSV</DialogTitle>
          <DialogDescription>
            Nothing is created until you confirm. Columns: {deviceImportColumns.join(", ")} (type,
            serialNumber, name and site are required; tags separated by “;”). At most{" "}
            {maxImportRows.toLocaleString("en")} rows.
          </DialogDescription>
        </DialogHeader>

        {step.kind === "choose" ? (
          <div className="grid gap-2">
            <Label htmlFor={fileId}>CSV file</Label>
            <Input
              id={fileId}
              type="file"
              accept=".csv,text/csv"
              disabled={preview.isPending}
              aria-describedby={fileIssue ? `${fileId}-issue` : undefined}
              onChange={(event) => void choose(event.target.files?.[0])}
            />
            {preview.isPending ? <p className="text-sm text-muted-foreground">Checking every row…</p> : null}
            {fileIssue ? (
              <p id={`${fileId}-issue`} role="alert" className="text-sm text-destructive">
                {fileIssue}
              </p>
            ) : null}
          </div>
        ) : step.kind === "preview" ? (
          <ImportPreview
            fileName={step.fileName}
            preview={step.preview}
            creating={commit.isPending}
            onBack={reset}
            onCreate={() => commit.mutate({ csv: step.csv })}
          />
        ) : (
          <ImportedCredentials
            result={step.result}
            downloaded={step.downloaded}
            onDownload={() => {
              downloadText(credentialsCsv(step.result.created), "device-credentials.csv");
              setStep({ ...step, downloaded: true });
            }}
            onDone={() => onOpenChange(false)}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function ImportPreview({
  fileName,
  preview,
  creating,
  onBack,
  onCreate,
}: {
  fileName: string;
  preview: Outputs["importPreview"];
  creating: boolean;
  onBack: () => void;
  onCreate: () => void;
}) {
  return (
    <div className="grid gap-3">
      <p className="text-sm">
        <span className="font-medium">{fileName}</span>: {devicesCount(preview.validCount)} ready
        {preview.invalidCount > 0 ? (
          <>
            , <span className="text-destructive">{preview.invalidCount} with errors (skipped)</span>
          </>
        ) : null}
        .
      </p>
      <div className="max-h-80 overflow-auto rounded-md border">
        <table aria-label="Import preview" className="w-full text-sm">
          <thead className="sticky top-0 bg-background shadow-[inset_0_-1px_0_var(--border)]">
            <tr className="text-left text-muted-foreground">
              <th scope="col" className="h-9 px-3 font-medium">
                Line
              </th>
              <th scope="col" className="px-3 font-medium">
                Serial
              </th>
              <th scope="col" className="px-3 font-medium">
                Name
              </th>
              <th scope="col" className="px-3 font-medium">
                Result
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr
                key={row.line}
                data-valid={row.errors.length === 0}
                className="border-b align-top last:border-0 data-[valid=false]:bg-destructive/5"
              >
                <td className="px-3 py-2 tabular-nums">{row.line}</td>
                <td className="px-3 py-2 font-mono">{row.device?.serialNumber ?? "—"}</td>
                <td className="px-3 py-2">{row.device?.name ?? "—"}</td>
                <td className="px-3 py-2">
                  {row.errors.length === 0 ? (
                    <Badge variant="outline">Ready</Badge>
                  ) : (
                    <ul className="grid gap-1 text-destructive">
                      {row.errors.map((error) => (
                        <li key={`${error.field}:${error.message}`}>
                          {error.field ? <span className="font-mono">{error.field}</span> : null}
                          {error.field ? ": " : null}
                          {error.message}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DialogFooter>
        <Button variant="outline" onClick={onBack} disabled={creating}>
          Choose another file
        </Button>
        <Button onClick={onCreate} loading={creating} disabled={preview.validCount === 0}>
          Create {devicesCount(preview.validCount)}
        </Button>
      </DialogFooter>
    </div>
  );
}

function ImportedCredentials({
  result,
  downloaded,
  onDownload,
  onDone,
}: {
  result: Outputs["importCommit"];
  downloaded: boolean;
  onDownload: () => void;
  onDone: () => void;
}) {
  return (
    <div className="grid gap-3">
      <p className="text-sm">
        {devicesCount(result.created.length)} registered
        {result.skipped.length > 0 ? `; ${result.skipped.length} row error(s) skipped` : ""}.
      </p>
      <p
        role="alert"
        className="flex items-start gap-2 rounded-md border border-warning/40 p-3 text-sm text-warning"
      >
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        Download the credentials now: they are not shown again. Each device signs in to the broker with its id
        as username and its credential as password; a lost one can only be rotated.
      </p>
      <DialogFooter>
        <Button variant={downloaded ? "outline" : "default"} onClick={onDownload}>
          <Download /> Download credentials (CSV)
        </Button>
        <Button variant={downloaded ? "default" : "outline"} onClick={onDone}>
          Done
        </Button>
      </DialogFooter>
    </div>
  );
}
