#!/usr/bin/env bash
# Summary: metadata removal, Pinhole against exiftool: images per second and peak memory, side by side
#
# Usage: bench/privacy-compare.sh [--help]
#
# Builds bench/target/benchmarks.jar when needed, makes three JPEG photos (about 100 KB, 2 MB and 20 MB) into
# which exiftool writes a phone's metadata (GPS, make, model, serial number, date, XMP creator, comment,
# orientation 6, an ICC profile), then cleans the same files in one run, rounds alternating between:
#   Pinhole   JpegFormat.inspectAndClean (one walk) in a warm JVM (-XX:+UseSerialGC), reading the file into one
#             array through one FileChannel and writing the copy to a new file, as exiftool -o does; also in
#             memory (one walk, and inspect then clean); peak memory is the heap above the JVM's own, garbage
#             not yet collected included; then a table of where Pinhole's time goes (read, walk, clean, write)
#             beside one plain copy of the photo;
#   exiftool  one process per size in -stay_open batch mode (its start-up is not counted), each file with
#             -all= -tagsfromfile @ -icc_profile -orientation -o OUT IN; peak memory is its VmHWM (RSS).
# Writes bench/target/results/privacy-compare.md. Takes about a minute (less on an idle machine); other work
# on the machine lowers both tools' figures, so the table's first line gives the load. Never run by the tests.
set -euo pipefail

die() { echo "privacy-compare.sh: $*" >&2; exit 1; }

case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) die "unknown option '$1' (try --help)" ;;
esac

command -v java >/dev/null || die "java is not installed: install a JDK 17 or newer"
command -v mvn >/dev/null || die "mvn is not installed: install Apache Maven 3.8 or newer"
command -v exiftool >/dev/null || die "exiftool is not installed: apt-get install libimage-exiftool-perl"

cd "$(dirname "$0")/.."
root=$(pwd)
classpath="bench/target/classes:bench/target/lib/*"
# shellcheck source=bench/bench-build.sh
. bench/bench-build.sh
build_bench_if_stale privacy-compare.sh
# shellcheck source=bench/bench-env.sh
. bench/bench-env.sh
out=bench/target/results
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

{
  echo "Measured $(date -u +%Y-%m-%d) on $(machine_line); $(exiftool -ver | sed 's/^/exiftool /')."
  echo
  echo "Metadata removal, Pinhole's JpegFormat against exiftool (\`bench/privacy-compare.sh\`, PrivacyCompare):"
  echo
  java -XX:+UseSerialGC -Xmx512m -cp "$classpath" dev.pinhole.bench.PrivacyCompare "$work" > "$work/compare.txt" \
    2> "$work/compare.err" || die "PrivacyCompare failed: $(tail -5 "$work/compare.err")"
  cat "$work/compare.txt"
  echo
  echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)."
} > "$out/privacy-compare.md"
cat "$out/privacy-compare.md"
echo "privacy-compare.sh: wrote $root/$out/privacy-compare.md" >&2
