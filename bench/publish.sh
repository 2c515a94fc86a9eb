#!/usr/bin/env bash
# Summary: the publish step's figures: publisher time and least heap per image size, publish latency
#
# Usage: bench/publish.sh [--help]
#
# Builds bench/target/benchmarks.jar when needed, then runs two measurements on this machine's loopback,
# each against a local stack of its own in a temporary data directory:
#   PublisherCost   the publisher alone in a child JVM with Lambda's flags (-XX:TieredStopAtLevel=1
#                   -XX:+UseSerialGC): warm and cold milliseconds per publish, and the least -Xmx (4 MiB steps)
#                   with which it still publishes a 100 KiB, 2 MiB and 20 MiB PNG;
#   PublishLatency  PUT done -> the link answers 200, p50 and p99, at 1 and 8 clients uploading at once.
# Types whose format is not written yet are checked by the stand-in signature check (StandInFormats), and the
# report says so. Writes bench/target/results/publish.md. Takes about 3 minutes. Never run by the tests.
set -euo pipefail

die() { echo "publish.sh: $*" >&2; exit 1; }

case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) die "unknown option '$1' (try --help)" ;;
esac

command -v java >/dev/null || die "java is not installed: install a JDK 17 or newer"
command -v mvn >/dev/null || die "mvn is not installed: install Apache Maven 3.8 or newer"

cd "$(dirname "$0")/.."
root=$(pwd)
# The local stack is not in benchmarks.jar (see bench/pom.xml): classes and target/lib/ instead.
classpath="bench/target/classes:bench/target/lib/*"
# shellcheck source=bench/bench-build.sh
. bench/bench-build.sh
build_bench_if_stale publish.sh
# shellcheck source=bench/bench-env.sh
. bench/bench-env.sh
out=bench/target/results
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

formats=$(java -cp "$classpath" dev.pinhole.bench.FormatsInUse)
{
  echo "Measured $(date -u +%Y-%m-%d) on $(machine_line). Formats: $formats."
  echo
  echo "Publisher time and heap (\`bench/publish.sh\`, PublisherCost):"
  echo
  java -cp "$classpath" dev.pinhole.bench.PublisherCost "$work/cost" > "$work/cost.txt" 2>&1 \
    || die "PublisherCost failed: $(tail -5 "$work/cost.txt")"
  grep '^|' "$work/cost.txt"
  echo
  echo "Publish latency on the local stack, PUT done -> link serves (\`bench/publish.sh\`, PublishLatency):"
  echo
  java -cp "$classpath" dev.pinhole.bench.PublishLatency "$work/latency" > "$work/latency.txt" 2>&1 \
    || die "PublishLatency failed: $(tail -5 "$work/latency.txt")"
  grep '^|' "$work/latency.txt"
} > "$out/publish.md"
cat "$out/publish.md"
echo "publish.sh: wrote $root/$out/publish.md" >&2
