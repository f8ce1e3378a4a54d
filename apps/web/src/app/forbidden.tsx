import { ShieldX } from "lucide-react";
import Link from "next/link";

/** Rendered with status 403 by `forbidden()` (see _auth/page-access.ts), inside the staff shell. */
export default function Forbidden() {
  return (
    <div className="mx-auto flex min-h-[60svh] max-w-md flex-col items-center justify-center gap-3 px-6 text-center">
      <ShieldX className="size-10 text-destructive" aria-hidden />
      <p className="font-medium text-muted-foreground text-sm">Error 403</p>
      <h1 className="font-semibold text-2xl">You may not open this page</h1>
      <p className="text-muted-foreground">
        Your role does not include it. If you need it for your work, ask an administrator to change your role.
      </p>
      <Link href="/" className="mt-2 font-medium text-primary underline underline-offset-4">
        Back to the overview
      </Link>
    </div>
  );
}
