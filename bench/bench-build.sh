# shellcheck shell=bash
# Sourced by the benchmark scripts that run bench/target/benchmarks.jar and its target/lib/: builds them when
# they are missing or older than any source or pom of what bench uses. Has no other effect (bench-env.sh holds
# the fake Lambda environment, which not every script may pass on).

# build_bench_if_stale NAME: NAME is the calling script, for its message; the caller's die() reports failure.
build_bench_if_stale() {
  local jar=bench/target/benchmarks.jar
  if [ ! -f "$jar" ] || [ ! -d bench/target/lib ] \
      || [ -n "$(find lambda local testkit bench/src/main pom.xml bench/pom.xml -newer "$jar" -type f \
          \( -path "*src/main*" -o -name pom.xml \) | head -1)" ]; then
    echo "$1: building bench/ and what it uses..." >&2
    mvn -q -B -DskipTests package -pl bench -am || die "the build failed; see the messages above"
  fi
}
