#!/usr/bin/env bash
# Summary: deploy Pinhole to AWS with one command, using only the AWS CLI v2.
#
# Usage: scripts/deploy.sh [--stack-name NAME] [--region REGION] [--domain DOMAIN --certificate-arn ARN]
#                          [--set SETTING=VALUE]...
#
# Builds the Lambda jars (the ticket function's, and the one of the publisher, image API and invalidator),
# uploads each to the
# artifact bucket (stack NAME-artifacts) under its SHA-256,
# creates or updates the stack NAME from template.yaml, copies web/ to the site bucket, invalidates the
# page's files in CloudFront and prints the site's URL. Safe to re-run: an unchanged jar is not uploaded
# again, an unchanged stack is left as it is, and the function gets a new version only when its code or
# one of its settings changed.
#
# Options:
#   --stack-name NAME      stack to create or update (default: pinhole). Lower-case letters, digits and
#                          dashes, at most 20 characters: it becomes part of the bucket names.
#   --region REGION        AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, or the CLI's own setting)
#   --domain DOMAIN        serve the site and image links on DOMAIN instead of the CloudFront domain
#   --certificate-arn ARN  ACM certificate in us-east-1 covering DOMAIN (required with --domain)
#   --set SETTING=VALUE    change a setting (a parameter of template.yaml), e.g. --set MaxUploadBytes=10485760,
#                          --set Lifetimes=1d,7d,30d --set DefaultLifetime=7d or --set UploadToken=...;
#                          --set AlarmEmail=you@example.com for the alarms, --set TicketConcurrency=20 for a
#                          function's ceiling (0: none), --set UploadRateLimit=100 for AWS WAF's per-IP limit
#                          (a web ACL in us-east-1, about USD 6 a month; "off" removes it);
#                          repeatable. Settings not given keep their last value.
#                          Change settings only this way: see "Settings" in docs/DEPLOY.md.
#   -h, --help             print this help
#
# Needs: AWS CLI v2 with credentials, Maven with a JDK 17+, openssl. See docs/DEPLOY.md.
set -euo pipefail

PROGRAM="$(basename "$0")"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

die() {
  echo "$PROGRAM: $*" >&2
  exit 1
}

usage() {
  # The header above, without the leading '#'.
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

stack="pinhole"
region=""
domain=""
certificate=""
settings=() # SETTING=VALUE, as given with --set

while (($# > 0)); do
  case "$1" in
    --stack-name | --region | --domain | --certificate-arn | --set)
      (($# >= 2)) || die "$1 needs a value (see --help)"
      case "$1" in
        --stack-name) stack="$2" ;;
        --region) region="$2" ;;
        --domain) domain="$2" ;;
        --certificate-arn) certificate="$2" ;;
        --set) settings+=("$2") ;;
      esac
      shift 2
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

[[ "$stack" =~ ^[a-z][a-z0-9-]{0,19}$ ]] ||
  die "stack name '$stack' must be lower-case letters, digits and dashes, at most 20 characters"
if [[ -n "$domain" && -z "$certificate" ]] || [[ -z "$domain" && -n "$certificate" ]]; then
  die "--domain and --certificate-arn go together (the certificate must be in us-east-1)"
fi
[[ -d "$ROOT/web" ]] || die "no web/ folder in $ROOT to publish"
# ---------------------------------------------------------------- dependencies, up front
command -v aws >/dev/null 2>&1 ||
  die "the AWS CLI v2 is not installed: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"
aws_version="$(aws --version 2>&1 || true)"
[[ "$aws_version" == aws-cli/2.* ]] || die "needs the AWS CLI v2, found: ${aws_version:-nothing}"
command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is not installed; it builds the Lambda jar"
command -v openssl >/dev/null 2>&1 || die "openssl is not installed; it hashes the jar"

template="$ROOT/template.yaml"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------- the template's parameters and function settings
# Each parameter of template.yaml as "Name<TAB>NoEcho<TAB>Default" (Default "<none>" when it has none). The
# template is plain and regular (two-space indents, one-line defaults); DeployScriptTest checks this reading
# against a YAML parser's.
parameter_table="$(awk '
  /^[A-Za-z]/ { in_parameters = ($0 == "Parameters:") }
  !in_parameters { next }
  function flush() { if (name != "") print name "\t" noecho "\t" value }
  /^  [A-Za-z0-9]+:$/ { flush(); name = substr($1, 1, length($1) - 1); noecho = "false"; value = "<none>"; next }
  /^    NoEcho: true$/ { noecho = "true"; next }
  /^    Default: / {
    value = substr($0, 14)
    if (value ~ /^".*"$/ || value ~ /^\047.*\047$/) value = substr(value, 2, length(value) - 2)
    next
  }
  END { flush() }
' "$template")"
# The parameters whose values reach a function with a published version (template.yaml, Metadata).
function_settings="$(sed -n 's/^  Pinhole::FunctionSettings: \[\(.*\)\]$/\1/p' "$template" | tr -d ' ' | tr ',' '\n')"
[[ -n "$function_settings" ]] || die "template.yaml has no one-line 'Pinhole::FunctionSettings: [...]' under Metadata"

# Tables are lines of "KEY<TAB>VALUE". look_up_in TABLE KEY sets REPLY to the last value of KEY, or fails
# when there is none. (Plain bash on purpose: no associative arrays, which macOS's bash 3.2 lacks.)
look_up_in() {
  local line found=1
  while IFS= read -r line; do
    if [[ -n "$line" && "${line%%$'\t'*}" == "$2" ]]; then
      REPLY="${line#*$'\t'}"
      found=0
    fi
  done <<<"$1"
  return "$found"
}
is_parameter() { look_up_in "$parameter_table" "$1"; }
is_no_echo() { look_up_in "$parameter_table" "$1" && [[ "${REPLY%%$'\t'*}" == true ]]; }
# Sets REPLY to a parameter's default in the template, or fails when it has none.
default_of() { look_up_in "$parameter_table" "$1" && REPLY="${REPLY#*$'\t'}" && [[ "$REPLY" != "<none>" ]]; }

# Settings given on this run; a later one of the same name wins.
given_table=""
give() { given_table+="$1"$'\t'"$2"$'\n'; }
# Computed here on every run, never taken from --set.
own_parameters=" ArtifactBucket ArtifactKey ImagesArtifactKey CodeSha256 SettingsDigest NoEchoDigests WebAclArn "
for setting in ${settings[@]+"${settings[@]}"}; do
  [[ "$setting" == ?*=* ]] || die "--set needs SETTING=VALUE, not '$setting'"
  name="${setting%%=*}"
  value="${setting#*=}"
  is_parameter "$name" || die "--set $name: template.yaml has no such setting (see docs/DEPLOY.md)"
  [[ "$own_parameters" != *" $name "* ]] || die "--set $name: deploy.sh computes $name itself"
  [[ "$value" != *$'\t'* && "$value" != *$'\n'* ]] || die "--set $name: the value holds a tab or a line break"
  give "$name" "$value"
done
if [[ -n "$domain" ]]; then
  give CustomDomain "$domain"
  give CertificateArn "$certificate"
fi

export AWS_PAGER="" # never stop in a pager
region="${region:-${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region 2>/dev/null || true)}}}"
[[ -n "$region" ]] || die "no region: pass --region or set AWS_REGION"
aws sts get-caller-identity --region "$region" --query Account --output text >/dev/null 2>&1 ||
  die "no usable AWS credentials: run 'aws configure' or 'aws sso login', or set AWS_PROFILE, then retry"

# One stack output (empty when the stack has no such output); output_in REGION STACK KEY for another region's stack.
output_in() {
  aws cloudformation describe-stacks --region "$1" --stack-name "$2" \
    --query "Stacks[0].Outputs[?OutputKey=='$3'].OutputValue" --output text
}
output() { output_in "$region" "$@"; }

# A look-up that must succeed: its output, or a stop that says nothing was changed. Guessing on a failure
# (throttling, an expired session, a missing permission) would be worse: a stack taken for new gets a new
# origin secret.
look_up() {
  local what="$1" answer
  shift
  if answer="$("$@" 2>"$work/error")"; then
    printf '%s\n' "$answer"
  elif [[ "$what" == "stack $stack" ]] && grep -q "ValidationError" "$work/error" &&
    grep -q "does not exist" "$work/error"; then
    echo NONE # the one answer that means "first deploy"
  else
    die "could not look up $what in $region, so nothing was changed: $(tr '\n' ' ' <"$work/error" | sed 's/ *$//').
Retry when AWS answers again; if your session expired, sign in again first ('aws sso login' or fresh credentials)."
  fi
}

# ---------------------------------------------------------------- refuse a stack that cannot be updated
status="$(look_up "stack $stack" aws cloudformation describe-stacks --region "$region" --stack-name "$stack" \
  --query 'Stacks[0].StackStatus' --output text)"
case "$status" in
  ROLLBACK_COMPLETE | ROLLBACK_FAILED | DELETE_FAILED | REVIEW_IN_PROGRESS)
    # REVIEW_IN_PROGRESS: a first deploy stopped after creating its change set; the stack holds nothing.
    die "stack $stack is $status and cannot be updated; remove it with scripts/destroy.sh --stack-name $stack --region $region"
    ;;
  *_IN_PROGRESS) die "stack $stack is busy ($status); wait until it finishes, then retry" ;;
esac
# The settings the stack has now ("****" for NoEcho ones, which AWS never shows again).
previous_table=""
if [[ "$status" != NONE ]]; then
  previous_table="$(look_up "the settings of stack $stack" aws cloudformation describe-stacks --region "$region" \
    --stack-name "$stack" --query 'Stacks[0].Parameters[].[ParameterKey,ParameterValue]' --output text)"
fi

# A setting as this deploy will leave it: given now, else as the stack has it, else the template's default. Sets
# REPLY; fails when it has none.
final_value() {
  look_up_in "$given_table" "$1" && return
  [[ "$status" != NONE ]] && look_up_in "$previous_table" "$1" && return
  default_of "$1"
}
# The default lifetime must be one the list offers, or the ticket function refuses to start (every request would
# fail): say so now, before anything is built or changed.
if is_parameter Lifetimes && is_parameter DefaultLifetime; then
  final_value Lifetimes || die "setting Lifetimes has no value yet: pass --set Lifetimes=VALUE"
  lifetimes="$REPLY"
  final_value DefaultLifetime || die "setting DefaultLifetime has no value yet: pass --set DefaultLifetime=VALUE"
  [[ ",$lifetimes," == *",$REPLY,"* ]] ||
    die "DefaultLifetime $REPLY is not one of Lifetimes ($lifetimes): pass --set DefaultLifetime=<one of them> too"
fi

# The web ACL's limit: AWS WAF takes 10 requests per 5 minutes at least. Said now, before the web ACL stack is touched.
if is_parameter UploadRateLimit && final_value UploadRateLimit; then
  [[ "$REPLY" == off || "$REPLY" =~ ^[1-9][0-9]{1,8}$ ]] ||
    die "UploadRateLimit $REPLY is neither off nor a number of requests per 5 minutes from 10 up (AWS WAF's least)"
fi

# ---------------------------------------------------------------- reserved concurrency against the account's quota
# Each function's reserved concurrency (template.yaml, Metadata Pinhole::ConcurrencySettings; 0 means none) is its
# ceiling on cost. Lambda keeps min(100, quota) of the account's concurrency unreserved, and CloudFormation fails the
# whole deploy on a reservation that would leave less ("...below its minimum value of [10]" on a new account whose
# quota is 10). So: a ceiling given with --set must fit, or nothing happens; the template's default ceilings, on a stack
# that has none yet, are left out (0) when the account cannot hold them all, and the run says so.
concurrency_settings="$(sed -n 's/^  Pinhole::ConcurrencySettings: \[\(.*\)\]$/\1/p' "$template" | tr -d ' ' | tr ',' '\n')"
[[ -n "$concurrency_settings" ]] ||
  die "template.yaml has no one-line 'Pinhole::ConcurrencySettings: [...]' under Metadata"
reserves() { [[ "$1" != 0 && "$1" != unreserved ]]; }
defaulted=() # ceilings this run would take from the template's defaults
wanted=0     # what they reserve together
given_ceilings=()
for name in $concurrency_settings; do
  if look_up_in "$given_table" "$name"; then
    ! reserves "$REPLY" || given_ceilings+=("$name")
  elif [[ "$status" != NONE ]] && look_up_in "$previous_table" "$name"; then
    # InvalidatorConcurrency once took "unreserved" for none; the template now says 0.
    [[ "$REPLY" != unreserved ]] || give "$name" 0
  elif default_of "$name" && reserves "$REPLY"; then
    defaulted+=("$name")
    wanted=$((wanted + REPLY))
  fi
done
if ((${#defaulted[@]} + ${#given_ceilings[@]} > 0)); then
  limits="$(look_up "the account's Lambda concurrency" aws lambda get-account-settings --region "$region" \
    --query 'AccountLimit.[ConcurrentExecutions,UnreservedConcurrentExecutions]' --output text)"
  read -r quota unreserved <<<"$limits"
  [[ "$quota" =~ ^[0-9]+$ && "$unreserved" =~ ^[0-9]+$ ]] ||
    die "could not read the account's Lambda concurrency in $region (got '$limits'), so nothing was changed"
  kept_free=$((quota < 100 ? quota : 100))
  if ((${#given_ceilings[@]} > 0 && quota <= 100)); then
    die "--set ${given_ceilings[0]}: this account's Lambda concurrency quota in $region is $quota, and Lambda keeps \
$kept_free of it unreserved, so no function can reserve any: pass --set ${given_ceilings[0]}=0, or ask AWS for a \
higher quota first (docs/DEPLOY.md, \"Cost ceilings\")"
  fi
  if ((${#defaulted[@]} > 0 && unreserved - kept_free < wanted)); then
    for name in "${defaulted[@]}"; do
      give "$name" 0
    done
    echo "Note: this account's Lambda concurrency quota in $region is $quota ($unreserved unreserved, of which Lambda" \
      "keeps $kept_free), too little for the default ceilings (${defaulted[*]}: $wanted together); deploying without" \
      "them. With a higher quota, set them: see \"Cost ceilings\" in docs/DEPLOY.md."
  fi
fi

# ---------------------------------------------------------------- build
echo "Building the Lambda jars..."
(cd "$ROOT" && mvn -B -q -pl lambda/tickets,lambda/images -am package)
shopt -s nullglob
jars=("$ROOT"/lambda/tickets/target/pinhole-tickets-*-aws.jar)
shopt -u nullglob
((${#jars[@]} == 1)) || die "expected one lambda/tickets/target/pinhole-tickets-*-aws.jar after the build, found ${#jars[@]}"
jar="${jars[0]}"
sha256_hex="$(openssl dgst -sha256 -r "$jar" | cut -d ' ' -f 1)"
# Lambda reports CodeSha256 as base64; the template's version only publishes if the code has this hash.
sha256_base64="$(openssl dgst -sha256 -binary "$jar" | openssl base64 -A)"
# The jar of the publisher, the image API and the invalidator: no published versions (no SnapStart), so its key
# alone is enough; one upload serves all three.
shopt -s nullglob
images_jars=("$ROOT"/lambda/images/target/pinhole-images-*-aws.jar)
shopt -u nullglob
((${#images_jars[@]} == 1)) \
  || die "expected one lambda/images/target/pinhole-images-*-aws.jar after the build, found ${#images_jars[@]}"
images_jar="${images_jars[0]}"
images_key="lambda/pinhole-images-$(openssl dgst -sha256 -r "$images_jar" | cut -d ' ' -f 1).jar"

# ---------------------------------------------------------------- artifacts
echo "Ensuring the artifact bucket (stack $stack-artifacts)..."
aws cloudformation deploy --region "$region" --stack-name "$stack-artifacts" \
  --template-file "$ROOT/scripts/artifact-bucket.yaml" --no-fail-on-empty-changeset
artifact_bucket="$(output "$stack-artifacts" ArtifactBucketName)"
key="lambda/pinhole-tickets-$sha256_hex.jar"
upload_jar() { # FILE KEY: uploads the jar unless a jar of the same content (so the same key) is there already
  if aws s3api head-object --region "$region" --bucket "$artifact_bucket" --key "$2" >/dev/null 2>&1; then
    echo "Jar $2 is already uploaded."
  else
    aws s3 cp --region "$region" --only-show-errors "$1" "s3://$artifact_bucket/$2"
  fi
}
upload_jar "$jar" "$key"
upload_jar "$images_jar" "$images_key"

# ---------------------------------------------------------------- the stack's parameters
give ArtifactBucket "$artifact_bucket"
give ArtifactKey "$key"
give CodeSha256 "$sha256_base64"
if [[ "$status" == NONE ]] && ! look_up_in "$given_table" OriginSecret; then
  # First deploy: CloudFront will send this to the API and the handler will check it. Later deploys do not
  # pass it, so CloudFormation keeps the previous value.
  give OriginSecret "$(openssl rand -hex 32)"
fi
give ImagesArtifactKey "$images_key"

# ---------------------------------------------------------------- the rate limit's web ACL, in us-east-1
# CloudFront takes web ACLs from us-east-1 only, and a stack cannot create resources in another region: so the web ACL
# is a stack of its own there, named after this stack and its region (two Pinhole stacks of one name in two regions
# get two). UploadRateLimit itself is kept by the main stack, so later runs know it.
waf_stack="$stack-$region-waf"
rate_limit=off
if is_parameter UploadRateLimit && final_value UploadRateLimit; then
  rate_limit="$REPLY"
fi
if [[ "$rate_limit" != off ]]; then
  echo "Ensuring the web ACL with a limit of $rate_limit requests per IP per 5 minutes (stack $waf_stack in us-east-1)..."
  aws cloudformation deploy --region us-east-1 --stack-name "$waf_stack" \
    --template-file "$ROOT/scripts/web-acl.yaml" --no-fail-on-empty-changeset --parameter-overrides "RateLimit=$rate_limit"
  web_acl="$(output_in us-east-1 "$waf_stack" WebAclArn)"
  [[ "$web_acl" == arn:* ]] || die "stack $waf_stack in us-east-1 has no WebAclArn output (got '$web_acl')"
  give WebAclArn "$web_acl"
else
  give WebAclArn ""
fi

sha256_of_input() { openssl dgst -sha256 -r | cut -d ' ' -f 1; }
# A secret goes into SettingsDigest, and into the NoEchoDigests record, only as this digest, salted with the
# stack and setting names so that equal tokens of two stacks do not look equal.
secret_digest() { printf '%s\n%s\n%s' "$stack" "$1" "$2" | sha256_of_input; }
# Sets REPLY to the digest of a secret this run keeps, as the last deploy recorded it; "kept" for one set
# before deploy.sh recorded digests.
recorded_digest() {
  local pair
  look_up_in "$previous_table" NoEchoDigests || REPLY=""
  for pair in ${REPLY//,/ }; do
    if [[ "${pair%%:*}" == "$1" ]]; then
      REPLY="${pair#*:}"
      return
    fi
  done
  REPLY=kept
}

# SettingsDigest: this template, then each function setting as it will be after this deploy: given now, else
# as the stack has it, else the template's default. Every non-secret one is passed explicitly, so the digest
# is of exactly what CloudFormation receives; secrets are passed only when given, and digested either way.
digest_lines=("template.yaml $(sha256_of_input <"$template")")
no_echo_digests=()
for name in $(printf '%s\n' "$function_settings" | LC_ALL=C sort); do
  is_parameter "$name" || die "Pinhole::FunctionSettings in template.yaml names $name, which is no parameter"
  if is_no_echo "$name"; then
    if look_up_in "$given_table" "$name"; then
      digest="$(secret_digest "$name" "$REPLY")"
    elif [[ "$status" == NONE ]] || ! look_up_in "$previous_table" "$name"; then
      # Not set before: CloudFormation uses the template's default.
      default_of "$name" || die "setting $name has no value yet: pass --set $name=VALUE"
      digest="$(secret_digest "$name" "$REPLY")"
    else
      recorded_digest "$name"
      digest="$REPLY"
    fi
    no_echo_digests+=("$name:$digest")
    digest_lines+=("$name sha256:$digest")
  else
    if ! look_up_in "$given_table" "$name"; then
      if [[ "$status" == NONE ]] || ! look_up_in "$previous_table" "$name"; then
        default_of "$name" || die "setting $name has no value yet: pass --set $name=VALUE"
      fi
      give "$name" "$REPLY"
    fi
    digest_lines+=("$name=$REPLY")
  fi
done
give NoEchoDigests "$(IFS=,; printf '%s' "${no_echo_digests[*]}")"
give SettingsDigest "$(printf '%s\n' "${digest_lines[@]}" | sha256_of_input)"

# One NAME=VALUE per parameter, in the order first given, with the last value given.
parameters=()
passed=" "
while IFS= read -r line; do
  name="${line%%$'\t'*}"
  [[ -n "$line" && "$passed" != *" $name "* ]] || continue
  passed+="$name "
  look_up_in "$given_table" "$name"
  parameters+=("$name=$REPLY")
done <<<"$given_table"
echo "Deploying stack $stack in $region (a new CloudFront distribution takes several minutes)..."
aws cloudformation deploy --region "$region" --stack-name "$stack" --template-file "$ROOT/template.yaml" \
  --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset --parameter-overrides "${parameters[@]}"

# A web ACL the distribution no longer uses (UploadRateLimit turned off) goes, now that the distribution let it go.
if [[ "$rate_limit" == off && "$status" != NONE ]] && look_up_in "$previous_table" WebAclArn && [[ -n "$REPLY" ]]; then
  echo "Removing the web ACL nothing uses any more (stack $waf_stack in us-east-1)..."
  aws cloudformation delete-stack --region us-east-1 --stack-name "$waf_stack"
fi

# ---------------------------------------------------------------- the page
site_bucket="$(output "$stack" SiteBucketName)"
echo "Publishing web/ to $site_bucket..."
aws s3 sync --region "$region" --only-show-errors --delete --cache-control "public, max-age=300" \
  "$ROOT/web/" "s3://$site_bucket/"
paths=("/")
while IFS= read -r -d '' file; do
  paths+=("/${file#"$ROOT/web/"}")
done < <(find "$ROOT/web" -type f -print0 | sort -z)
distribution="$(output "$stack" DistributionId)"
aws cloudfront create-invalidation --distribution-id "$distribution" --paths "${paths[@]}" \
  --query Invalidation.Id --output text >/dev/null

site_url="$(output "$stack" SiteUrl)"
if [[ -n "$domain" ]]; then
  echo "Point $domain (CNAME or alias record) at $(output "$stack" CloudFrontDomainName)."
fi
echo "Pinhole is live at $site_url"
