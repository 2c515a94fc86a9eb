#!/usr/bin/env bash
# Summary: put the latest benchmark figures into docs/BENCHMARKS.md
#
# Usage: bench/report.sh [--run] [--help]
#
# Replaces each generated section of docs/BENCHMARKS.md (between its <!-- BEGIN name --> and
# <!-- END name --> markers) with the matching file in bench/target/results/, written by:
#   jmh          bench/run-jmh.sh       warm per-request cost, handler and bare presign, vs Node
#   cold-start   bench/cold-start.sh    process start -> first ticket, Java vs Node
#   load-local   bench/load-local.sh    local stack tickets/s and upload MB/s
#   jar-size     this script            what is in the shaded Lambda jar, compressed bytes per part
# Sections without a results file are left as they are. --run runs the three benchmarks first
# (about 6 minutes); run them on an otherwise idle machine.
set -euo pipefail

die() { echo "report.sh: $*" >&2; exit 1; }

run=false
case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  --run) run=true ;;
  "") ;;
  *) die "unknown option '$1' (try --help)" ;;
esac
command -v unzip >/dev/null || die "unzip is not installed (used to list the jar)"

cd "$(dirname "$0")/.."
doc=docs/BENCHMARKS.md
out=bench/target/results
[ -f "$doc" ] || die "$doc does not exist"
if $run; then
  bench/run-jmh.sh
  bench/cold-start.sh
  bench/load-local.sh
fi
mkdir -p "$out"

jar=$(ls lambda/target/pinhole-lambda-*-aws.jar 2>/dev/null | head -1 || true)
if [ -n "$jar" ]; then
  {
    echo "$(basename "$jar"): $(stat -c %s "$jar") bytes ($(awk -v b="$(stat -c %s "$jar")" \
      'BEGIN { printf "%.2f MiB", b / 1048576 }')); the build fails above 5 MiB (lambda/pom.xml, maven-enforcer)."
    echo
    echo "| part | compressed KB | files |"
    echo "| --- | ---: | ---: |"
    unzip -v "$jar" | awk 'NF >= 8 && $1 ~ /^[0-9]+$/ && $NF !~ /\/$/ { print $3, $NF }' | awk '
      { p = $2; split(p, a, "/")
        if (p ~ /^software\/amazon\/awssdk\/services\/s3\//) g = "SDK s3 (presigner, endpoint rules, 9 requests)"
        else if (p ~ /^software\/amazon\/awssdk\//) g = "SDK " a[4]
        else if (p ~ /^META-INF\//) g = "META-INF"
        else if (p ~ /^dev\/pinhole\//) g = "Pinhole (dev.pinhole.tickets)"
        else if (p ~ /^com\/google\/gson\//) g = "Gson"
        else if (p ~ /^com\/amazonaws\//) g = "aws-lambda-java-core + API Gateway v2 events"
        else if (p ~ /^org\/slf4j\//) g = "slf4j-api + slf4j-nop"
        else if (p ~ /^org\/crac\//) g = "org.crac"
        else g = "other"
        bytes[g] += $1; files[g]++ }
      END { for (g in bytes) printf "%d\t%d\t%s\n", bytes[g], files[g], g }' \
      | sort -rn | awk -F'\t' '{ printf "| %s | %.0f | %d |\n", $3, $1 / 1024, $2 }'
  } > "$out/jar-size.md"
fi

for section in jmh cold-start load-local jar-size; do
  [ -f "$out/$section.md" ] || { echo "report.sh: no $out/$section.md; leaving that section" >&2; continue; }
  grep -q "<!-- BEGIN $section -->" "$doc" || die "$doc has no <!-- BEGIN $section --> marker"
  awk -v name="$section" -v file="$out/$section.md" '
    $0 == "<!-- BEGIN " name " -->" { print; while ((getline line < file) > 0) print line; skip = 1; next }
    $0 == "<!-- END " name " -->" { skip = 0 }
    !skip { print }' "$doc" > "$doc.tmp" && mv "$doc.tmp" "$doc"
done
echo "report.sh: updated $doc" >&2
