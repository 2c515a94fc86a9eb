#!/usr/bin/env bash
# Summary: remove a Pinhole deployment: empty its buckets, delete its stack, its web ACL's and its artifact stack.
#
# Usage: scripts/destroy.sh [--stack-name NAME] [--region REGION] [--yes]
#
# Deletes every uploaded image. CloudFormation cannot delete a bucket that still holds objects, so the
# image, site and artifact buckets are emptied first (the artifact bucket keeps old versions of its jars,
# so every version goes). Deleting the CloudFront distribution takes several
# minutes. Safe to re-run: stacks that are already gone are skipped.
#
# Options:
#   --stack-name NAME  the stack deploy.sh created (default: pinhole)
#   --region REGION    AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, or the CLI's own setting)
#   --yes              do not ask for confirmation (needed when not run from a terminal)
#   -h, --help         print this help
set -euo pipefail

PROGRAM="$(basename "$0")"

die() {
  echo "$PROGRAM: $*" >&2
  exit 1
}

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

stack="pinhole"
region=""
confirmed=false

while (($# > 0)); do
  case "$1" in
    --stack-name | --region)
      (($# >= 2)) || die "$1 needs a value (see --help)"
      if [[ "$1" == --stack-name ]]; then stack="$2"; else region="$2"; fi
      shift 2
      ;;
    --yes)
      confirmed=true
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

command -v aws >/dev/null 2>&1 ||
  die "the AWS CLI v2 is not installed: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"
aws_version="$(aws --version 2>&1 || true)"
[[ "$aws_version" == aws-cli/2.* ]] || die "needs the AWS CLI v2, found: ${aws_version:-nothing}"
export AWS_PAGER=""
region="${region:-${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region 2>/dev/null || true)}}}"
[[ -n "$region" ]] || die "no region: pass --region or set AWS_REGION"
aws sts get-caller-identity --region "$region" --query Account --output text >/dev/null 2>&1 ||
  die "no usable AWS credentials: run 'aws configure' or 'aws sso login', or set AWS_PROFILE, then retry"

if [[ "$confirmed" != true ]]; then
  [[ -t 0 ]] || die "refusing to delete $stack without --yes when not run from a terminal"
  read -r -p "Delete stack $stack in $region and every image in it? Type the stack name to confirm: " answer
  [[ "$answer" == "$stack" ]] || die "not confirmed; nothing deleted"
fi

exists() {
  aws cloudformation describe-stacks --region "$region" --stack-name "$1" >/dev/null 2>&1
}

output() {
  aws cloudformation describe-stacks --region "$region" --stack-name "$1" \
    --query "Stacks[0].Outputs[?OutputKey=='$2'].OutputValue" --output text
}

empty_bucket() {
  local bucket="$1"
  # An output is "None" when a failed create never made the bucket.
  if [[ -n "$bucket" && "$bucket" != None ]]; then
    echo "Emptying $bucket..."
    aws s3 rm --region "$region" --only-show-errors --recursive "s3://$bucket"
  fi
}

# A versioned bucket still holds every old version and delete marker after `s3 rm`; delete those, a
# thousand (the most one request takes) at a time, until none is left.
empty_versioned_bucket() {
  local bucket="$1" batch result
  [[ -n "$bucket" && "$bucket" != None ]] || return 0
  echo "Emptying $bucket (every version)..."
  batch="$(mktemp)"
  while :; do
    aws s3api list-object-versions --region "$region" --bucket "$bucket" --max-items 1000 \
      --query '{Objects: [Versions, DeleteMarkers][][].{Key: Key, VersionId: VersionId}}' --output json >"$batch"
    grep -q '"Key"' "$batch" || break
    result="$(aws s3api delete-objects --region "$region" --bucket "$bucket" --delete "file://$batch" --output json)"
    # S3 reports a version it could not delete in Errors, not in the exit code; listing again would loop.
    [[ "$result" != *'"Errors"'* ]] || die "could not delete every version in $bucket: $result"
  done
  rm -f "$batch"
}

delete_stack() {
  echo "Deleting stack $1..."
  aws cloudformation delete-stack --region "$region" --stack-name "$1"
  aws cloudformation wait stack-delete-complete --region "$region" --stack-name "$1"
}

if exists "$stack"; then
  empty_bucket "$(output "$stack" ImageBucketName)"
  empty_bucket "$(output "$stack" SiteBucketName)"
  delete_stack "$stack"
else
  echo "Stack $stack does not exist in $region; skipping it."
fi

# The rate limit's web ACL (deploy.sh --set UploadRateLimit=N) is a stack of its own in us-east-1, CloudFront's region;
# it can go once the distribution that used it is gone.
waf_stack="$stack-$region-waf"
if aws cloudformation describe-stacks --region us-east-1 --stack-name "$waf_stack" >/dev/null 2>&1; then
  echo "Deleting stack $waf_stack in us-east-1..."
  aws cloudformation delete-stack --region us-east-1 --stack-name "$waf_stack"
  aws cloudformation wait stack-delete-complete --region us-east-1 --stack-name "$waf_stack"
fi

# The artifact stack goes last: the main stack's function was created from its jar.
if exists "$stack-artifacts"; then
  empty_versioned_bucket "$(output "$stack-artifacts" ArtifactBucketName)"
  delete_stack "$stack-artifacts"
else
  echo "Stack $stack-artifacts does not exist in $region; skipping it."
fi
echo "Pinhole stack $stack is gone from $region."
