#!/usr/bin/env bash
# Summary: put the latest benchmark figures into docs/BENCHMARKS.md
#
# Usage: bench/report.sh [--run] [--only SECTION,...] [--help]
#
# Replaces each generated section of docs/BENCHMARKS.md (between its <!-- BEGIN name --> and
# <!-- END name --> markers) with the matching file in bench/target/results/, written by:
#   jmh          bench/run-jmh.sh       warm per-request cost, handler and bare presign, vs Node
#   cold-start   bench/cold-start.sh    process start -> first ticket, Java vs Node
#   load-local   bench/load-local.sh    local stack tickets/s and upload MB/s
#   cost-compare bench/cost-compare.sh  Pinhole beside the base64 baseline: per upload, limits, per million
#   jar-size     this script            what is in the shaded Lambda jar, compressed bytes per part
#   summary      this script            the goals of issue 6 next to the figures above
# Sections without a results file are left as they are (the summary, when neither jmh nor cold-start
# results exist), and so is every section not named by --only. --run runs the four benchmarks first
# (about 8 minutes); run them on an otherwise idle machine.
set -euo pipefail

die() { echo "report.sh: $*" >&2; exit 1; }

all_sections="summary jmh cold-start load-local cost-compare jar-size"
run=false
sections=$all_sections
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    --run) run=true; shift ;;
    --only) [ $# -ge 2 ] || die "--only needs section names, e.g. --only cost-compare"; sections=${2//,/ }; shift 2 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done
for section in $sections; do
  [[ " $all_sections " == *" $section "* ]] || die "no section '$section'; the sections are: $all_sections"
done
command -v unzip >/dev/null || die "unzip is not installed (used to list the jar)"

cd "$(dirname "$0")/.."
doc=docs/BENCHMARKS.md
out=bench/target/results
[ -f "$doc" ] || die "$doc does not exist"
if $run; then
  bench/run-jmh.sh
  bench/cold-start.sh
  bench/load-local.sh
  bench/cost-compare.sh
fi
mkdir -p "$out"

jar=$(ls lambda/tickets/target/pinhole-tickets-*-aws.jar 2>/dev/null | head -1 || true)
if [ -n "$jar" ]; then
  {
    echo "$(basename "$jar"): $(stat -c %s "$jar") bytes ($(awk -v b="$(stat -c %s "$jar")" \
      'BEGIN { printf "%.2f MiB", b / 1048576 }')); the build fails above 4 MiB (lambda/tickets/pom.xml, maven-enforcer)."
    echo
    echo "| part | compressed KB | files |"
    echo "| --- | ---: | ---: |"
    unzip -v "$jar" | awk 'NF >= 8 && $1 ~ /^[0-9]+$/ && $NF !~ /\/$/ { print $3, $NF }' | awk '
      { p = $2; split(p, a, "/")
        if (p ~ /^software\/amazon\/awssdk\/services\/s3\//) g = "SDK s3 (presigner, endpoint rules, 9 requests)"
        else if (p ~ /^software\/amazon\/awssdk\//) g = "SDK " a[4]
        else if (p ~ /^META-INF\//) g = "META-INF"
        else if (p ~ /^dev\/pinhole\//) g = "Pinhole (dev.pinhole.*)"
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

# The goals of issue 6 next to the latest figures, when there are figures for them.
rm -f "$out/summary.md"
jmh_median() { [ -f "$out/jmh.csv" ] && tr -d '"' < "$out/jmh.csv" | awk -F, -v n="dev.pinhole.bench.$1:p0.50" '$1 == n { printf "%.1f\n", $5 }'; }
cold_cell() { [ -f "$out/cold-start.md" ] && awk -F' [|] ' -v l="$1" -v c="$2" '$1 == "| " l { print $c }' "$out/cold-start.md"; }
verdict() { awk -v v="$1" -v goal="$2" 'BEGIN { if (v == "") print "not measured"; else print (v + 0 <= goal + 0) ? "met" : "missed" }'; }
if [ -f "$out/jmh.csv" ] || [ -f "$out/cold-start.md" ]; then {
  warm=$(jmh_median DefaultJvm.handler || true)
  warm_lambda=$(jmh_median LambdaJvm.handler || true)
  node_warm=$([ -f "$out/jmh.md" ] && awk -F' [|] ' '$1 ~ /Node ticket/ { print $3 }' "$out/jmh.md" || true)
  cold_java=$(cold_cell "java, Lambda's flags" 2 || true)
  cold_node=$(cold_cell node 2 || true)
  cold_ratio=$(cold_cell "java, Lambda's flags" 5 | tr -d ' |' || true)
  jar_bytes=$([ -n "$jar" ] && stat -c %s "$jar" || true)
  echo "| goal | measured | verdict |"
  echo "| --- | --- | --- |"
  echo "| warm handler <= 14 us per ticket, default JVM flags | ${warm:-?} us (median) | $(verdict "$warm" 14) |"
  echo "| ... >= 10x faster than Node warm | Node ${node_warm:-?} us: $(awk -v n="$node_warm" -v j="$warm" 'BEGIN { if (n == "" || j == "") print "?"; else printf "%.1fx", n / j }') | $(awk -v n="$node_warm" -v j="$warm" 'BEGIN { if (n == "" || j == "") print "not measured"; else print (n / j >= 10) ? "met" : "missed" }') |"
  echo "| warm handler <= 40 us, Lambda's flags | ${warm_lambda:-?} us (median) | $(verdict "$warm_lambda" 40) |"
  echo "| cold exec -> first ticket, Lambda's flags, <= Node (ratio <= 1.0) | ${cold_java:-?} ms vs Node ${cold_node:-?} ms: ratio ${cold_ratio:-?} | $(verdict "$cold_ratio" 1.0) |"
  echo "| shaded Lambda jar <= 6 MB, enforced by the build | ${jar_bytes:-?} bytes, build fails above 4 MiB | $(verdict "$jar_bytes" 6000000) |"
} > "$out/summary.md"; fi

for section in $sections; do
  [ -f "$out/$section.md" ] || { echo "report.sh: no $out/$section.md; leaving that section" >&2; continue; }
  grep -q "<!-- BEGIN $section -->" "$doc" || die "$doc has no <!-- BEGIN $section --> marker"
  awk -v name="$section" -v file="$out/$section.md" '
    $0 == "<!-- BEGIN " name " -->" { print; while ((getline line < file) > 0) print line; skip = 1; next }
    $0 == "<!-- END " name " -->" { skip = 0 }
    !skip { print }' "$doc" > "$doc.tmp" && mv "$doc.tmp" "$doc"
done
echo "report.sh: updated $doc" >&2
