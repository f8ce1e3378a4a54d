import type { FleetStats } from "../fleet/fleet";

const number = new Intl.NumberFormat("en");

/**
 * One status line, rewritten in place on a terminal and printed every few seconds otherwise
 * (a log file should not fill with carriage returns).
 */
export function startProgress(stats: FleetStats, total: number, stream: NodeJS.WriteStream = process.stdout) {
  const tty = stream.isTTY === true;
  let last = { at: Date.now(), acked: stats.acked };
  const render = () => {
    const now = Date.now();
    const rate = ((stats.acked - last.acked) * 1000) / Math.max(1, now - last.at);
    last = { at: now, acked: stats.acked };
    const inFlight = stats.published - stats.acked - stats.failed;
    const line =
      `[simulate] ${stats.connected}/${total} connected · ${number.format(stats.published)} published · ` +
      `${number.format(stats.acked)} acked (${number.format(Math.round(rate))}/s) · ${inFlight} in flight · ` +
      `${stats.failed} failed · ${stats.missed} missed offline · ${stats.faults} with faults`;
    stream.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
  };
  const timer = setInterval(render, tty ? 1_000 : 5_000);
  return {
    stop() {
      clearInterval(timer);
      render();
      if (tty) stream.write("\n");
    },
  };
}
