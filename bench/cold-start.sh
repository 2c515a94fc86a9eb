#!/usr/bin/env bash
# Summary: cold start, process start to first ticket printed, Java handler vs the Node presigner
#
# Usage: bench/cold-start.sh [--runs N] [--help]
#
# Runs fresh processes, interleaved, N times each (default 15), and reports the median, min and max
# time from spawn to the ticket on stdout:
#   java, Lambda's flags  the shaded Lambda jar itself: IssueOneTicket constructs TicketHandler() from
#                         the environment, as the runtime does, and answers one API Gateway v2 event;
#                         -XX:TieredStopAtLevel=1 -XX:+UseSerialGC as the Lambda Java runtimes set
#   java, default flags   the same without those flags
#   java, Lambda's flags + -XX:-UsePerfData  the same without the JVM's shared-memory statistics file
#   java, Lambda's flags + AppCDS  the same with a class-data archive of the handler's classes, made by
#                         a training run first: how much of the cold start is class loading
#   node                  bench/node/one-ticket.mjs: @aws-sdk/s3-request-presigner with the same fixes
# A fifth command, the same handler under bench's ColdStartPhases, splits the Java cold start into
# JVM start, handler construction, first ticket and a second ticket.
# Needs java, node and npm; runs `npm ci` in bench/node and builds the Lambda jar when they are missing.
# Environment: bench/bench-env.sh (fake bucket and credentials; presigning needs no network).
# Writes bench/target/results/cold-start.md (bench/report.sh puts it into docs/BENCHMARKS.md).
set -euo pipefail

die() { echo "cold-start.sh: $*" >&2; exit 1; }

runs=15
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; runs=$2; shift 2 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number, not '$runs'"

command -v java >/dev/null || die "java is not installed: install a JDK 17 or newer"
command -v node >/dev/null || die "node is not installed: install Node.js 20 or newer"
command -v npm >/dev/null || die "npm is not installed (it comes with Node.js)"

cd "$(dirname "$0")/.."
root=$(pwd)
jar=$(ls lambda/tickets/target/pinhole-tickets-*-aws.jar 2>/dev/null | head -1 || true)
if [ -z "$jar" ] || [ ! -d bench/target/classes ] \
    || [ -n "$(find lambda/tickets/src/main lambda/core/src/main lambda/tickets/pom.xml bench/src/main -newer "$jar" -type f | head -1)" ]; then
  command -v mvn >/dev/null || die "mvn is not installed: install Apache Maven 3.8 or newer"
  echo "cold-start.sh: building the Lambda jar and bench..." >&2
  mvn -q -B -DskipTests package -pl lambda/tickets,bench -am || die "the build failed; see the messages above"
  jar=$(ls lambda/tickets/target/pinhole-tickets-*-aws.jar | head -1)
fi
if [ ! -d bench/node/node_modules ]; then
  echo "cold-start.sh: installing the Node presigner (npm ci)..." >&2
  (cd bench/node && npm ci --no-audit --no-fund >&2) || die "npm ci failed in bench/node"
fi

# shellcheck source=bench/bench-env.sh
. bench/bench-env.sh
out=bench/target/results
mkdir -p "$out"
lambda_flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
main=dev.pinhole.tickets.IssueOneTicket
archive=bench/target/pinhole-handler.jsa
rm -f "$archive"
# shellcheck disable=SC2086
java $lambda_flags -XX:ArchiveClassesAtExit="$archive" -cp "$jar" $main >/dev/null 2>&1 \
  || die "the AppCDS training run failed"

machine=$(machine_line)
results=$(node bench/node/cold-harness.mjs "$runs" \
  "java, Lambda's flags" "java $lambda_flags -cp $jar $main" \
  "java, Lambda's flags, ColdStartPhases main" "java $lambda_flags -cp $jar:bench/target/classes dev.pinhole.bench.ColdStartPhases" \
  "java, default flags" "java -cp $jar $main" \
  "java, Lambda's flags + -XX:-UsePerfData" "java $lambda_flags -XX:-UsePerfData -cp $jar $main" \
  "java, Lambda's flags + AppCDS" "java $lambda_flags -XX:SharedArchiveFile=$archive -cp $jar $main" \
  "node" "node bench/node/one-ticket.mjs") || die "a cold run failed"

node_ms=$(awk -F'\t' '$1 == "node" { print $2 }' <<<"$results")
phases=$(grep '^phases:' <<<"$results")
results=$(grep -v '^phases:' <<<"$results")
read -r boot_ms construct_ms first_ms second_ms < <(cut -f2- <<<"$phases" | tr '\t' ' ')
{
  echo "Measured $(date -u +%Y-%m-%d) on $machine; $runs runs each, interleaved."
  echo "Jar: $(basename "$jar"), $(stat -c %s "$jar") bytes."
  echo
  echo "| process start -> first ticket | median ms | min ms | max ms | / node |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  while IFS=$'\t' read -r label median min max; do
    ratio=$(awk -v a="$median" -v b="$node_ms" 'BEGIN { printf "%.2f", a / b }')
    printf '| %s | %s | %s | %s | %s |\n' "$label" "$median" "$min" "$max" "$ratio"
  done <<<"$results"
  echo
  echo "Where the Java cold start (Lambda's flags) goes: the same handler timed inside the JVM"
  echo "(bench's ColdStartPhases, run interleaved with the above; medians):"
  echo
  echo "| phase | ms |"
  echo "| --- | ---: |"
  echo "| JVM start, up to main (spawn -> output, less the phases below) | $boot_ms |"
  echo "| \`new TicketHandler()\`: configuration, presigner built | $construct_ms |"
  echo "| first ticket: class loading and initialisation of the request path | $first_ms |"
  echo "| second ticket (about what a restored, primed SnapStart snapshot still does) | $second_ms |"
} > "$out/cold-start.md"
cat "$out/cold-start.md"
echo "cold-start.sh: wrote $root/$out/cold-start.md" >&2
