#!/usr/bin/env bash
# Summary: the cost of an upload, measured: Pinhole beside the base64-through-the-API design it replaced
#
# Usage: bench/cost-compare.sh [--runs N] [--warmup N] [--sizes LIST] [--ticket-memory-mb MB]
#                              [--publisher-memory-mb MB] [--baseline-memory-mb MB] [--no-probe] [--help]
#
# Runs, in one JVM on loopback, the local stack (S3Proxy, its real publisher) and one API server with local/'s API
# Gateway bridge, which enforces API Gateway's 10 MB and Lambda's 6 MB payload limits, and two designs behind it:
#   Pinhole          a ticket from the ticket function, the bytes straight to S3, then the publish step: the
#                    stack's real publisher, which checks the image, removes its metadata and publishes it;
#   base64 baseline  the seed's design: the image as base64 JSON through the API into one function that
#                    decodes it and writes it to S3 (bench's Base64BaselineHandler; never shipped).
# Both upload the same image per size: a real JPEG of exactly that size with a phone's metadata (GPS, camera,
# serial number, dates, owner, thumbnail, XMP, ICC profile). Every Pinhole upload must end up published (its link
# serves the picture without the metadata), or the run stops.
# For each image size it uploads --runs times (default 20) with each design, interleaved, after --warmup
# uploads of a 32 KiB photo per design (default 500) to warm the JIT, then finds the largest image each design
# takes (--no-probe skips that). Sizes are bytes, or numbers with K or M (KiB, MiB), at least 32K: default
# 100K,1M,4M,16M. It reports bytes through API Gateway, function time and allocation, end-to-end time, the S3
# requests counted, and what a million uploads cost with AWS list prices (cited in docs/BENCHMARKS.md) at these
# memory sizes: the ticket function's and the publisher's as template.yaml sets them, and the base64 function
# at the publisher's (it does the same work: hold one image and write it to S3), unless given.
# Takes 1 to 2 minutes. Writes bench/target/results/cost-compare.md (bench/report.sh puts it into
# docs/BENCHMARKS.md) and what the functions printed to bench/target/results/cost-compare-functions.log.
set -euo pipefail

die() { echo "cost-compare.sh: $*" >&2; exit 1; }

runs=20
warmup=500
sizes=100K,1M,4M,16M
ticket_mb=""
publisher_mb=""
baseline_mb=""
probe=probe
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; runs=$2; shift 2 ;;
    --warmup) [ $# -ge 2 ] || die "--warmup needs a number"; warmup=$2; shift 2 ;;
    --sizes) [ $# -ge 2 ] || die "--sizes needs a list such as 100K,1M"; sizes=$2; shift 2 ;;
    --ticket-memory-mb) [ $# -ge 2 ] || die "--ticket-memory-mb needs a number"; ticket_mb=$2; shift 2 ;;
    --publisher-memory-mb) [ $# -ge 2 ] || die "--publisher-memory-mb needs a number"; publisher_mb=$2; shift 2 ;;
    --baseline-memory-mb) [ $# -ge 2 ] || die "--baseline-memory-mb needs a number"; baseline_mb=$2; shift 2 ;;
    --no-probe) probe=no-probe; shift ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs: '$runs' is not a positive number"
[[ "$warmup" =~ ^[0-9]+$ ]] || die "--warmup: '$warmup' is not a number"

# 100K -> 102400, 1M -> 1048576; 32 KiB (a phone's metadata and a small picture) to 64 MiB, which is plenty to
# show where the limits are.
size_bytes=()
IFS=, read -r -a size_list <<<"$sizes"
for size in "${size_list[@]}"; do
  case "$size" in
    *[Kk]) n=${size%?}; unit=1024 ;;
    *[Mm]) n=${size%?}; unit=1048576 ;;
    *) n=$size; unit=1 ;;
  esac
  [[ "$n" =~ ^[1-9][0-9]{0,8}$ ]] || die "--sizes: '$size' is not a size such as 102400, 100K or 4M"
  bytes=$((n * unit))
  [ "$bytes" -le 67108864 ] || die "--sizes: '$size' is over 64M"
  [ "$bytes" -ge 32768 ] || die "--sizes: '$size' is under 32K, too small for a photo with a phone's metadata"
  size_bytes+=("$bytes")
done
[ ${#size_bytes[@]} -gt 0 ] || die "--sizes: no size given"

cd "$(dirname "$0")/.."
root=$(pwd)
# The MemorySize line of a function resource in template.yaml, wherever it sits among its properties.
template_memory() {
  awk -v resource="  $1:" '$0 == resource { inside = 1; next } inside && /^  [A-Za-z]/ { exit }
    inside && $1 == "MemorySize:" { print $2; exit }' template.yaml
}
if [ -z "$ticket_mb" ]; then
  ticket_mb=$(template_memory TicketFunction)
  [ -n "$ticket_mb" ] || die "cannot read the ticket function's MemorySize from template.yaml; give --ticket-memory-mb"
fi
if [ -z "$publisher_mb" ]; then
  publisher_mb=$(template_memory PublisherFunction)
  [ -n "$publisher_mb" ] || die "cannot read the publisher's MemorySize from template.yaml; give --publisher-memory-mb"
fi
baseline_mb=${baseline_mb:-$publisher_mb}
for mb in "$ticket_mb" "$publisher_mb" "$baseline_mb"; do
  [[ "$mb" =~ ^[0-9]+$ ]] && [ "$mb" -ge 128 ] && [ "$mb" -le 10240 ] \
    || die "'$mb' is not a Lambda memory size (128 to 10240 MB)"
done

command -v java >/dev/null || die "java is not installed: install a JDK 17 or newer"
command -v mvn >/dev/null || die "mvn is not installed: install Apache Maven 3.8 or newer"

# shellcheck source=bench/bench-build.sh
. bench/bench-build.sh
build_bench_if_stale cost-compare.sh

# shellcheck source=bench/bench-env.sh
. bench/bench-env.sh   # for machine_line only; the comparison brings its own stack and credentials
machine=$(machine_line)
joined=$(IFS=,; echo "${size_bytes[*]}")
out=bench/target/results
mkdir -p "$out"
tables=$(java -cp "bench/target/classes:bench/target/lib/*" dev.pinhole.bench.cost.CostCompare \
  "$joined" "$runs" "$warmup" "$ticket_mb" "$publisher_mb" "$baseline_mb" "$probe" "$out/cost-compare-functions.log") \
  || die "the comparison failed; see the messages above and $out/cost-compare-functions.log"

{
  echo "Measured $(date -u +%Y-%m-%d) on $machine. One JVM on loopback: the client, the bridge, the functions"
  echo "and S3Proxy share the cores; times are this machine's, not Lambda's."
  echo
  echo "$tables"
} > "$out/cost-compare.md"
cat "$out/cost-compare.md"
echo "cost-compare.sh: wrote $root/$out/cost-compare.md" >&2
