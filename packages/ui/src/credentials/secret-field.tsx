import { Check, Copy, Eye, EyeOff, TriangleAlert } from "lucide-react";
import { useId, useRef, useState } from "react";
import { Button } from "../primitives/button";
import { Label } from "../primitives/label";

/**
 * A credential shown exactly once (a device's MQTT password on create or rotate): the server
 * stores only its hash, so the page says so plainly and makes copying easy.
 */
export function SecretField({
  label,
  secret,
  onCopied,
}: {
  label: string;
  secret: string;
  onCopied?: () => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [revealed, setRevealed] = useState(false);
  const [copy, setCopy] = useState<"idle" | "copied" | "manual">("idle");

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy("copied");
      onCopied?.();
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for Ctrl+C.
      setRevealed(true);
      setCopy("manual");
      queueMicrotask(() => input.current?.select());
    }
  };

  return (
    <div data-slot="secret-field" className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <input
          ref={input}
          id={id}
          readOnly
          type={revealed ? "text" : "password"}
          value={secret}
          aria-describedby={`${id}-warning`}
          className="h-9 min-w-0 flex-1 rounded-md border border-input bg-muted px-3 font-mono text-sm outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50"
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button
          type="button"
          variant="outline"
          size="icon"
          aria-label={revealed ? "Hide" : "Show"}
          aria-pressed={revealed}
          onClick={() => setRevealed(!revealed)}
        >
          {revealed ? <EyeOff /> : <Eye />}
        </Button>
        <Button type="button" onClick={copySecret}>
          {copy === "copied" ? <Check /> : <Copy />}
          {copy === "copied" ? "Copied" : "Copy"}
        </Button>
      </div>
      <p id={`${id}-warning`} className="flex items-start gap-2 text-sm text-warning">
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        You will not see this again. Store it on the device now; if it is lost, rotate the credential.
      </p>
      <p role="status" className="sr-only">
        {copy === "copied"
          ? "Copied to the clipboard"
          : copy === "manual"
            ? "Selected: press Ctrl+C to copy"
            : ""}
      </p>
      {copy === "manual" ? (
        <p className="text-sm text-muted-foreground">Selected: press Ctrl+C to copy.</p>
      ) : null}
    </div>
  );
}
