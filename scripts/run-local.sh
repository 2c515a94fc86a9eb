#!/usr/bin/env bash
# Summary: run Pinhole on this machine: a real S3 server (S3Proxy), the API and the upload page
#
# Usage: scripts/run-local.sh [--help]
#
# Builds the project (tests skipped) and starts the local stack. It prints the address to open,
# http://127.0.0.1:8080/ by default, and runs until Ctrl-C. Images and the generated S3 credentials
# are kept in ./.pinhole/ and survive restarts.
#
# Settings (environment variables):
#   PINHOLE_PORT    port of the page, API and links (default 8080; 0 picks a free one)
#   PINHOLE_S3_PORT port of the local S3 server (default 0: a free one)
#   PINHOLE_DATA    data directory (default ./.pinhole)
#   and every PINHOLE_* setting of the API itself, see README.md ("Configuration").
set -euo pipefail

die() { echo "run-local.sh: $*" >&2; exit 1; }

case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) die "unknown option '$1' (try --help)" ;;
esac

command -v java >/dev/null || die "java is not installed: install a JDK 17 or newer"
command -v mvn >/dev/null || die "mvn is not installed: install Apache Maven 3.8 or newer"

cd "$(dirname "$0")/.."
echo "Building Pinhole (first run downloads dependencies; this can take a few minutes)..." >&2
mvn -q -B -DskipTests package -pl local -am || die "the build failed; see the messages above"
exec java -jar local/target/pinhole-local.jar
