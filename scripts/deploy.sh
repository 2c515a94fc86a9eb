#!/usr/bin/env bash
# Summary: deploy Pinhole to AWS with one command, using only the AWS CLI v2.
#
# Usage: scripts/deploy.sh [--stack-name NAME] [--region REGION] [--domain DOMAIN --certificate-arn ARN]
#
# Builds the Lambda jar, uploads it to the artifact bucket (stack NAME-artifacts) under its SHA-256,
# creates or updates the stack NAME from template.yaml, copies web/ to the site bucket, invalidates the
# page's files in CloudFront and prints the site's URL. Safe to re-run: an unchanged jar is not uploaded
# again, an unchanged stack is left as it is.
#
# Options:
#   --stack-name NAME      stack to create or update (default: pinhole). Lower-case letters, digits and
#                          dashes, at most 20 characters: it becomes part of the bucket names.
#   --region REGION        AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, or the CLI's own setting)
#   --domain DOMAIN        serve the site and image links on DOMAIN instead of the CloudFront domain
#   --certificate-arn ARN  ACM certificate in us-east-1 covering DOMAIN (required with --domain)
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

while (($# > 0)); do
  case "$1" in
    --stack-name | --region | --domain | --certificate-arn)
      (($# >= 2)) || die "$1 needs a value (see --help)"
      case "$1" in
        --stack-name) stack="$2" ;;
        --region) region="$2" ;;
        --domain) domain="$2" ;;
        --certificate-arn) certificate="$2" ;;
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

export AWS_PAGER="" # never stop in a pager
region="${region:-${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region 2>/dev/null || true)}}}"
[[ -n "$region" ]] || die "no region: pass --region or set AWS_REGION"
aws sts get-caller-identity --region "$region" --query Account --output text >/dev/null 2>&1 ||
  die "no usable AWS credentials: run 'aws configure' or 'aws sso login', or set AWS_PROFILE, then retry"

# One stack output (empty when the stack has no such output).
output() {
  aws cloudformation describe-stacks --region "$region" --stack-name "$1" \
    --query "Stacks[0].Outputs[?OutputKey=='$2'].OutputValue" --output text
}

# ---------------------------------------------------------------- refuse a stack that cannot be updated
status="$(aws cloudformation describe-stacks --region "$region" --stack-name "$stack" \
  --query 'Stacks[0].StackStatus' --output text 2>/dev/null || echo NONE)"
case "$status" in
  ROLLBACK_COMPLETE | ROLLBACK_FAILED | DELETE_FAILED)
    die "stack $stack is $status and cannot be updated; remove it with scripts/destroy.sh --stack-name $stack --region $region"
    ;;
  *_IN_PROGRESS) die "stack $stack is busy ($status); wait until it finishes, then retry" ;;
esac

# ---------------------------------------------------------------- build
echo "Building the Lambda jar..."
(cd "$ROOT" && mvn -B -q -pl lambda/tickets -am package)
shopt -s nullglob
jars=("$ROOT"/lambda/tickets/target/pinhole-tickets-*-aws.jar)
shopt -u nullglob
((${#jars[@]} == 1)) || die "expected one lambda/tickets/target/pinhole-tickets-*-aws.jar after the build, found ${#jars[@]}"
jar="${jars[0]}"
sha256_hex="$(openssl dgst -sha256 -r "$jar" | cut -d ' ' -f 1)"
# Lambda reports CodeSha256 as base64; the template's version only publishes if the code has this hash.
sha256_base64="$(openssl dgst -sha256 -binary "$jar" | openssl base64 -A)"

# ---------------------------------------------------------------- artifacts
echo "Ensuring the artifact bucket (stack $stack-artifacts)..."
aws cloudformation deploy --region "$region" --stack-name "$stack-artifacts" \
  --template-file "$ROOT/scripts/artifact-bucket.yaml" --no-fail-on-empty-changeset
artifact_bucket="$(output "$stack-artifacts" ArtifactBucketName)"
key="lambda/pinhole-tickets-$sha256_hex.jar"
if aws s3api head-object --region "$region" --bucket "$artifact_bucket" --key "$key" >/dev/null 2>&1; then
  echo "Jar $sha256_hex is already uploaded."
else
  aws s3 cp --region "$region" --only-show-errors "$jar" "s3://$artifact_bucket/$key"
fi

# ---------------------------------------------------------------- the stack
parameters=("ArtifactBucket=$artifact_bucket" "ArtifactKey=$key" "CodeSha256=$sha256_base64")
if [[ "$status" == NONE ]]; then
  # First deploy: CloudFront will send this to the API and the handler will check it. On later deploys
  # the parameter is not passed, so CloudFormation keeps the previous value.
  parameters+=("OriginSecret=$(openssl rand -hex 32)")
fi
if [[ -n "$domain" ]]; then
  parameters+=("CustomDomain=$domain" "CertificateArn=$certificate")
fi
echo "Deploying stack $stack in $region (a new CloudFront distribution takes several minutes)..."
aws cloudformation deploy --region "$region" --stack-name "$stack" --template-file "$ROOT/template.yaml" \
  --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset --parameter-overrides "${parameters[@]}"

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
