/**
 * The standalone worker (src/main.ts) with its modules loaded ahead: the chaos run starts the
 * next worker while the current one still runs, and tells it to go once that one is dead
 * (chDB admits one process per data directory). Loading the modules is most of a worker's
 * start-up on a busy machine. The chaos run bundles this file (test/worker-bundle.ts).
 */
await Promise.all([
  import("@revolv/db"),
  import("@revolv/ingest"),
  import("@revolv/queue"),
  import("@revolv/telemetry"),
  import("@revolv/validators"),
]);
process.once("message", () => void import("../src/main"));
process.send?.({ type: "loaded" });
// Goes when its parent goes, even if it never got the word.
process.once("disconnect", () => process.exit(0));
