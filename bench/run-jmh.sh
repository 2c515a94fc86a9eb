#!/usr/bin/env bash
# Summary: warm per-request cost of the ticket handler and of the bare presign (JMH)
#
# Usage: bench/run-jmh.sh [--quick] [--help] [-- extra JMH options]
#
# Builds bench/target/benchmarks.jar when it is missing or older than the sources, then runs
# {handler, presign, presignS3Presigner} x {default JVM flags, Lambda's flags -XX:TieredStopAtLevel=1
# -XX:+UseSerialGC}, sampling the time of single operations: median, mean and p90 in microseconds
# (the median is the figure to compare; it is the least disturbed by other load on the machine).
# presignS3Presigner: the same URL from the SDK's S3Presigner, which Pinhole used before UploadSigner.
# The environment is a fake bucket and fake credentials (bench/bench-env.sh); nothing goes over the
# network.
# When node and bench/node/node_modules are present, it also times the Node presigner warm
# (bench/node/warm.mjs) so the ratio is measured in the same run.
#
# Writes bench/target/results/jmh.md (a markdown table; bench/report.sh puts it into docs/BENCHMARKS.md)
# and the raw JMH CSV beside it. Takes about 5 minutes (--quick: about 1 minute, 1 fork, short iterations).
set -euo pipefail

die() { echo "run-jmh.sh: $*" >&2; exit 1; }

quick=false
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    --quick) quick=true; shift ;;
    --) shift; break ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done

command -v java >/dev/null || die "java is not installed: install a JDK 17 or newer"
command -v mvn >/dev/null || die "mvn is not installed: install Apache Maven 3.8 or newer"

cd "$(dirname "$0")/.."
root=$(pwd)
jar=bench/target/benchmarks.jar
if [ ! -f "$jar" ] || [ -n "$(find lambda/tickets/src/main lambda/core/src/main bench/src/main -newer "$jar" -type f | head -1)" ]; then
  echo "run-jmh.sh: building $jar..." >&2
  mvn -q -B -DskipTests package -pl bench -am || die "the build failed; see the messages above"
fi

# shellcheck source=bench/bench-env.sh
. bench/bench-env.sh
out=bench/target/results
mkdir -p "$out"
jmh_options=(-rf csv -rff "$out/jmh.csv")
if $quick; then
  jmh_options+=(-f 1 -wi 3 -w 1s -i 3 -r 1s)
fi

machine=$(machine_line)
java -jar "$jar" "${jmh_options[@]}" "$@" 'dev.pinhole.bench.*' || die "JMH failed"

node_us=""
if command -v node >/dev/null && [ -d bench/node/node_modules ]; then
  node_us=$(node bench/node/warm.mjs) || die "bench/node/warm.mjs failed"
fi

# The CSV's columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"; in sample
# mode each benchmark has a row for the mean and one per percentile (name:p0.50 ...).
csv_value() { tr -d '"' < "$out/jmh.csv" | awk -F, -v name="$1" '$1 == name { print $5 }'; }
{
  echo "Measured $(date -u +%Y-%m-%d) on $machine."
  echo
  echo "| benchmark | JVM flags | median us | mean us | p90 us | Node median / this median |"
  echo "| --- | --- | ---: | ---: | ---: | ---: |"
  for class in DefaultJvm LambdaJvm; do
    for what in handler presign presignS3Presigner; do
      name="dev.pinhole.bench.$class.$what"
      median=$(csv_value "$name:p0.50")
      [ -n "$median" ] || continue
      case "$class" in
        LambdaJvm) flags='Lambda: `-XX:TieredStopAtLevel=1 -XX:+UseSerialGC`' ;;
        *) flags='default (C2, G1)' ;;
      esac
      label=$what
      [ "$what" = presignS3Presigner ] && label='presign with the SDK'"'"'s S3Presigner instead (before, for comparison)'
      ratio="-"
      [ -n "$node_us" ] && ratio=$(awk -v n="$node_us" -v s="$median" 'BEGIN { printf "%.1fx", n / s }')
      printf '| %s | %s | %.1f | %.1f | %.1f | %s |\n' "$label" "$flags" "$median" "$(csv_value "$name")" \
        "$(csv_value "$name:p0.90")" "$ratio"
    done
  done
  if [ -n "$node_us" ]; then
    printf '| Node ticket (`@aws-sdk/s3-request-presigner`, bench/node/warm.mjs) | node %s | %.1f | - | - | 1.0x |\n' \
      "$(node --version)" "$node_us"
  fi
} > "$out/jmh.md"
cat "$out/jmh.md"
echo "run-jmh.sh: wrote $root/$out/jmh.md" >&2
