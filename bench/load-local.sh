#!/usr/bin/env bash
# Summary: throughput of the local stack: tickets per second, and whole uploads (ticket + PUT) in MB/s
#
# Usage: bench/load-local.sh [--seconds N] [--concurrency N] [--upload-bytes N] [--help]
#
# Starts the local stack (local/target/pinhole-local.jar, built when missing) on loopback with a
# throw-away data directory, then runs bench's LocalLoad against it: N clients (default 8) ask for
# tickets for --seconds (default 10), then do whole uploads of --upload-bytes (default 1048576) for as
# long. Client and server share this machine's cores, so these are figures for the local stack on a
# laptop, not for Lambda + S3. Stops the stack it started and removes its data.
# Writes bench/target/results/load-local.md (bench/report.sh puts it into docs/BENCHMARKS.md).
set -euo pipefail

die() { echo "load-local.sh: $*" >&2; exit 1; }

seconds=10
concurrency=8
upload_bytes=1048576
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    --seconds) [ $# -ge 2 ] || die "--seconds needs a number"; seconds=$2; shift 2 ;;
    --concurrency) [ $# -ge 2 ] || die "--concurrency needs a number"; concurrency=$2; shift 2 ;;
    --upload-bytes) [ $# -ge 2 ] || die "--upload-bytes needs a number"; upload_bytes=$2; shift 2 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done
for n in "$seconds" "$concurrency" "$upload_bytes"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "'$n' is not a positive number"
done

command -v java >/dev/null || die "java is not installed: install a JDK 17 or newer"
command -v mvn >/dev/null || die "mvn is not installed: install Apache Maven 3.8 or newer"
command -v curl >/dev/null || die "curl is not installed (used to wait for the stack)"

cd "$(dirname "$0")/.."
root=$(pwd)
if [ ! -f local/target/pinhole-local.jar ] || [ ! -f bench/target/benchmarks.jar ] \
    || [ -n "$(find lambda/tickets/src/main lambda/core/src/main local/src/main bench/src/main -newer bench/target/benchmarks.jar -type f | head -1)" ]; then
  echo "load-local.sh: building the local stack and the bench jar..." >&2
  mvn -q -B -DskipTests package -pl local,bench -am || die "the build failed; see the messages above"
fi

data=$(mktemp -d)
PINHOLE_PORT=0 PINHOLE_DATA="$data" java -jar local/target/pinhole-local.jar > "$data.log" 2>&1 &
stack_pid=$!
cleanup() { kill "$stack_pid" 2>/dev/null || true; wait "$stack_pid" 2>/dev/null || true; rm -rf "$data" "$data.log"; }
trap cleanup EXIT

# It prints "Pinhole is running. Open http://127.0.0.1:PORT/ in your browser." once it listens.
base=""
for _ in $(seq 1 120); do
  base=$(grep -o 'Open http://[0-9.:]*' "$data.log" 2>/dev/null | head -1 | sed 's/^Open //' || true)
  [ -n "$base" ] && break
  kill -0 "$stack_pid" 2>/dev/null || die "the local stack did not start: $(cat "$data.log")"
  sleep 0.25
done
[ -n "$base" ] || die "the local stack did not start within 30 seconds"
curl -fsS -o /dev/null "$base/api/limits" || die "the local stack does not answer at $base"

. bench/bench-env.sh   # for machine_line only; the stack has its own settings
machine=$(machine_line)
results=$(java -cp bench/target/benchmarks.jar dev.pinhole.bench.LocalLoad "$base" "$seconds" "$concurrency" \
  "$upload_bytes") || die "the load client failed"
read -r _ tickets_per_s ticket_failures < <(grep '^tickets' <<<"$results")
read -r _ uploads_per_s upload_failures mb_per_s < <(grep '^uploads' <<<"$results")

out=bench/target/results
mkdir -p "$out"
{
  echo "Measured $(date -u +%Y-%m-%d) on $machine; $concurrency clients, $seconds s per phase, loopback."
  echo
  echo "| local stack | per second | failed |"
  echo "| --- | ---: | ---: |"
  echo "| tickets (POST /api/uploads) | $tickets_per_s tickets/s | $ticket_failures |"
  echo "| whole uploads of $upload_bytes bytes (ticket + PUT to S3Proxy) | $uploads_per_s uploads/s = $mb_per_s MB/s | $upload_failures |"
} > "$out/load-local.md"
cat "$out/load-local.md"
echo "load-local.sh: wrote $root/$out/load-local.md" >&2
