#!/usr/bin/env bash
# Shows that an interrupted `pnpm test` leaves nothing running. Starts `pnpm test` in this
# checkout (extra arguments go to it, e.g. --filter=@revolv/web), waits until engines are up (a
# test PostgreSQL server, a web server or an ingest worker of this checkout), sends SIGINT to the
# pnpm process alone, then lists what is left of the run: every process whose working directory
# or command line is in the checkout, and every test PostgreSQL server started since.
#   bash tooling/test-runner/scripts/interrupt-check.sh [--filter=…]
set -u
root=$(cd "$(dirname "$0")/../../.." && pwd)
log=$(mktemp)
ours() {
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    cwd=$(readlink "$p/cwd" 2>/dev/null) || continue
    cmd=$(tr '\0' ' ' < "$p/cmdline" 2>/dev/null | cut -c1-110)
    case "$cmd" in bash*|*interrupt-check.sh*|grep*|tail*|sleep*|"") continue ;; esac
    case "$cwd $cmd" in "$root"*|*" $root"*) echo "$pid $cmd" ;; esac
  done
  ps -eo pid,args | grep "postgres -D /tmp/revolv-pg" | grep -v grep | cut -c1-110 | grep -vE "^ *(${before:-none}) "
}
cd "$root"
before=$(ps -eo pid,args | grep "postgres -D /tmp/revolv-pg" | grep -v grep | awk '{print $1}' | paste -sd'|')
pnpm test "$@" > "$log" 2>&1 &
runner=$!
i=0
for i in $(seq 1 900); do
  list=$(ours)
  if grep -qE "postgres -D /tmp/revolv-pg|tsx server.ts|tsx src/main.ts" <<<"$list"; then break; fi
  sleep 1
done
echo "after ${i}s, $(wc -l <<<"$list") processes of the run, engines among them:"
grep -E "postgres -D|server.ts|src/main.ts|chromium" <<<"$list"
start=$SECONDS
kill -INT $runner
wait $runner; echo "pnpm test exited $? after $((SECONDS - start)) s"
sleep 2
left=$(ours)
echo "left 2 s after pnpm exited (test PostgreSQL servers running before the run: ${before:-none}):"
echo "${left:-(nothing)}"
echo "(the run's output: $log)"
[ -z "$left" ]
