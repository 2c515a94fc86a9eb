# shellcheck shell=bash
# Sourced by the benchmark scripts: the environment a ticket Lambda gets, with a fake bucket and fake
# credentials. Presigning is local computation, so nothing here is ever sent anywhere.
export PINHOLE_BUCKET=pinhole-images
export AWS_REGION=us-east-1
export PINHOLE_PUBLIC_BASE_URL=https://img.example.com
export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
unset AWS_SESSION_TOKEN PINHOLE_S3_ENDPOINT PINHOLE_UPLOAD_TOKEN AWS_PROFILE AWS_CONFIG_FILE \
  AWS_SHARED_CREDENTIALS_FILE JAVA_TOOL_OPTIONS 2>/dev/null || true

# machine_line: one line saying what the figures were measured on, and how busy it was.
machine_line() {
  local cpu
  cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
  printf '%s cores (%s), %s, %s; load average %s at %s UTC' "$(nproc)" "$cpu" \
    "$(java -version 2>&1 | head -1)" "node $(node --version 2>/dev/null || echo 'absent')" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$(date -u +%H:%M)"
}
