package dev.pinhole.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** scripts/deploy.sh against stub aws and mvn: which calls it makes, in which order, with which values. */
class DeployScriptTest {
    private static final String REGION = "--region eu-west-1";
    /** What the stub mvn writes as the shaded jar. */
    private static final byte[] JAR = "not really a jar".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private ScriptSandbox sandbox;

    @BeforeEach
    void sandbox() throws Exception {
        sandbox = new ScriptSandbox(dir);
    }

    private static byte[] sha256() throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(JAR);
    }

    private ScriptSandbox.Result deploy(String... args) throws Exception {
        return sandbox.run("deploy.sh", args);
    }

    /** The index of the first call starting with prefix at or after from; fails when there is none. */
    private static int find(List<String> calls, String prefix, int from) {
        for (int i = from; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no call starting '" + prefix + "' after call " + from + " in:\n"
                + String.join("\n", calls));
    }

    @Test
    void firstDeploy_buildsUploadsDeploysPublishesAndInvalidatesInThatOrder() throws Exception {
        ScriptSandbox.Result result = deploy("--stack-name", "demo", "--region", "eu-west-1");

        assertEquals(0, result.exit(), result.stderr());
        String hex = HexFormat.of().formatHex(sha256());
        String key = "lambda/pinhole-tickets-" + hex + ".jar";
        List<String> calls = result.calls();
        int step = find(calls, "aws --version", 0);
        step = find(calls, "aws sts get-caller-identity " + REGION, step);
        step = find(calls, "mvn -B -q -pl lambda/tickets,lambda/images -am package", step);
        step = find(calls, "aws cloudformation deploy " + REGION + " --stack-name demo-artifacts --template-file "
                + sandbox.root.resolve("scripts/artifact-bucket.yaml") + " --no-fail-on-empty-changeset", step);
        step = find(calls, "aws s3api head-object " + REGION + " --bucket demo-artifacts-bucket --key " + key, step);
        step = find(calls, "aws s3 cp " + REGION + " --only-show-errors "
                + sandbox.root.resolve("lambda/tickets/target/pinhole-tickets-0.1.0-SNAPSHOT-aws.jar")
                + " s3://demo-artifacts-bucket/" + key, step);
        step = find(calls, "aws cloudformation deploy " + REGION + " --stack-name demo --template-file "
                + sandbox.root.resolve("template.yaml") + " --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset"
                + " --parameter-overrides ArtifactBucket=demo-artifacts-bucket ArtifactKey=" + key
                + " CodeSha256=" + Base64.getEncoder().encodeToString(sha256()) + " OriginSecret=", step);
        step = find(calls, "aws s3 sync " + REGION + " --only-show-errors --delete --cache-control public, max-age=300 "
                + sandbox.root.resolve("web") + "/ s3://demo-site-bucket/", step);
        find(calls, "aws cloudfront create-invalidation --distribution-id E2EXAMPLE --paths / /index.html /js/app.js",
                step);
        assertTrue(result.stdout().contains("Pinhole is live at https://d111.cloudfront.net"), result.stdout());
    }

    @Test
    void deploy_uploadsTheImageFunctionsJarUnderItsHash_andPassesItsKey() throws Exception {
        ScriptSandbox.Result result = deploy("--stack-name", "demo", "--region", "eu-west-1");

        assertEquals(0, result.exit(), result.stderr());
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(sandbox.root.resolve(
                        "lambda/images/target/pinhole-images-0.1.0-SNAPSHOT-aws.jar"))));
        String key = "lambda/pinhole-images-" + hex + ".jar";
        find(result.calls(), "aws s3 cp " + REGION + " --only-show-errors "
                + sandbox.root.resolve("lambda/images/target/pinhole-images-0.1.0-SNAPSHOT-aws.jar")
                + " s3://demo-artifacts-bucket/" + key, 0);
        assertEquals(key, lastStackDeploy("demo").get("ImagesArtifactKey"));
    }

    /** The parameter overrides of the last `aws cloudformation deploy` of the stack, in the order passed. */
    private Map<String, String> lastStackDeploy(String stack) throws Exception {
        List<Map<String, String>> deploys = sandbox.deploys(stack);
        return deploys.get(deploys.size() - 1);
    }

    @Test
    void firstDeploy_generatesALongRandomOriginSecret() throws Exception {
        deploy("--stack-name", "demo", "--region", "eu-west-1");

        assertTrue(lastStackDeploy("demo").get("OriginSecret").matches("[0-9a-f]{64}"), lastStackDeploy("demo").toString());
    }

    @Test
    void redeploy_keepsTheOriginSecretAndSkipsAnUploadedJar() throws Exception {
        // Given a first deploy
        deploy("--stack-name", "demo", "--region", "eu-west-1");

        // When the same build is deployed again
        ScriptSandbox.Result result = deploy("--stack-name", "demo", "--region", "eu-west-1");

        // Then the jar is not uploaded again and the origin secret is not passed, so CloudFormation keeps it
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(List.of(), result.callsStartingWith("aws s3 cp"));
        assertFalse(lastStackDeploy("demo").containsKey("OriginSecret"), lastStackDeploy("demo").toString());
        assertEquals(Base64.getEncoder().encodeToString(sha256()), lastStackDeploy("demo").get("CodeSha256"));
    }

    @Test
    void customDomain_isPassedWithItsCertificateAndNamedInTheDnsHint() throws Exception {
        String certificate = "arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234";
        sandbox.with("STUB_SITE_URL", "https://img.example.com");

        ScriptSandbox.Result result = deploy("--region", "eu-west-1", "--domain", "img.example.com",
                "--certificate-arn", certificate);

        assertEquals(0, result.exit(), result.stderr());
        assertEquals("img.example.com", lastStackDeploy("pinhole").get("CustomDomain"));
        assertEquals(certificate, lastStackDeploy("pinhole").get("CertificateArn"));
        assertTrue(result.stdout().contains("Point img.example.com (CNAME or alias record) at d111.cloudfront.net"),
                result.stdout());
    }

    @Test
    void failedFirstCreate_isRefusedWithTheWayOut() throws Exception {
        sandbox.with("STUB_STACK_STATUS", "ROLLBACK_COMPLETE");

        ScriptSandbox.Result result = deploy("--stack-name", "demo", "--region", "eu-west-1");

        assertEquals(1, result.exit());
        assertEquals("deploy.sh: stack demo is ROLLBACK_COMPLETE and cannot be updated; remove it with "
                + "scripts/destroy.sh --stack-name demo --region eu-west-1\n", result.stderr());
        assertEquals(List.of(), result.callsStartingWith("aws cloudformation deploy"));
        assertEquals(List.of(), result.callsStartingWith("mvn"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "throttled, An error occurred (Throttling) when calling the DescribeStacks operation (reached max retries: 2): Rate exceeded",
            "expired, An error occurred (ExpiredToken) when calling the DescribeStacks operation: The security token included in the request is expired"})
    void failedStackLookUp_stopsWithoutTakingTheStackForNew(String failure, String awsMessage) throws Exception {
        // Given a stack look-up that fails for a reason other than "does not exist"
        sandbox.with("STUB_DESCRIBE_FAILURE", failure);

        // When deploy.sh runs
        ScriptSandbox.Result result = deploy("--stack-name", "demo", "--region", "eu-west-1");

        // Then it stops, says why and that nothing changed, and neither builds nor deploys (no new origin secret)
        assertEquals(1, result.exit());
        assertEquals("deploy.sh: could not look up stack demo in eu-west-1, so nothing was changed: " + awsMessage
                + ".\nRetry when AWS answers again; if your session expired, sign in again first ('aws sso login' or"
                + " fresh credentials).\n", result.stderr());
        assertEquals(List.of(), result.callsStartingWith("mvn"));
        assertEquals(List.of(), result.callsStartingWith("aws cloudformation deploy"));
        assertEquals(List.of(), sandbox.deploys("demo"));
    }

    @Test
    void interruptedFirstDeploy_isRefusedLikeAFailedOneWithTheWayOut() throws Exception {
        // Given a stack left in REVIEW_IN_PROGRESS: a first deploy stopped after creating its change set
        sandbox.with("STUB_STACK_STATUS", "REVIEW_IN_PROGRESS");

        ScriptSandbox.Result result = deploy("--stack-name", "demo", "--region", "eu-west-1");

        assertEquals(1, result.exit());
        assertEquals("deploy.sh: stack demo is REVIEW_IN_PROGRESS and cannot be updated; remove it with "
                + "scripts/destroy.sh --stack-name demo --region eu-west-1\n", result.stderr());
        assertEquals(List.of(), result.callsStartingWith("aws cloudformation deploy"));
    }

    @Test
    void stackName_mayHaveTheTwentyCharactersCloudFrontNamesAreCheckedFor() throws Exception {
        // CloudFrontNames sizes CloudFront names for this longest stack name.
        String longest = "p".repeat(CloudFrontNames.LONGEST_STACK_NAME);

        assertEquals(0, deploy("--stack-name", longest, "--region", "eu-west-1").exit());
        ScriptSandbox.Result tooLong = deploy("--stack-name", longest + "x", "--region", "eu-west-1");
        assertEquals(1, tooLong.exit());
        assertTrue(tooLong.stderr().contains("at most 20 characters"), tooLong.stderr());
    }

    @Test
    void help_printsSummaryAndUsageAndCallsNothing() throws Exception {
        ScriptSandbox.Result result = deploy("--help");

        assertEquals(0, result.exit());
        assertTrue(result.stdout().startsWith("Summary: deploy Pinhole to AWS"), result.stdout());
        assertTrue(result.stdout().contains("\nUsage: scripts/deploy.sh [--stack-name NAME] [--region REGION]"),
                result.stdout());
        assertEquals(List.of(), result.calls());
    }

    @Test
    void unknownOption_isRefusedByName() throws Exception {
        ScriptSandbox.Result result = deploy("--stak-name", "demo");

        assertEquals(1, result.exit());
        assertEquals("deploy.sh: unknown option '--stak-name' (see --help)\n", result.stderr());
        assertEquals(List.of(), result.calls());
    }

    @Test
    void upperCaseStackName_isRefusedBecauseBucketNamesDeriveFromIt() throws Exception {
        ScriptSandbox.Result result = deploy("--stack-name", "Pinhole", "--region", "eu-west-1");

        assertEquals(1, result.exit());
        assertTrue(result.stderr().startsWith("deploy.sh: stack name 'Pinhole' must be lower-case"), result.stderr());
    }

    @Test
    void domainWithoutCertificate_isRefused() throws Exception {
        ScriptSandbox.Result result = deploy("--region", "eu-west-1", "--domain", "img.example.com");

        assertEquals(1, result.exit());
        assertTrue(result.stderr().startsWith("deploy.sh: --domain and --certificate-arn go together"),
                result.stderr());
    }

    @Test
    void missingAwsCli_isNamedWithWhereToGetIt() throws Exception {
        ScriptSandbox.Result result = sandbox.withoutAws().run("deploy.sh", "--region", "eu-west-1");

        assertEquals(1, result.exit());
        assertTrue(result.stderr().startsWith("deploy.sh: the AWS CLI v2 is not installed: https://"), result.stderr());
        assertEquals(List.of(), result.calls());
    }

    @Test
    void awsCliVersion1_isRefused() throws Exception {
        ScriptSandbox.Result result = sandbox.with("STUB_AWS_VERSION", "1.45.11").run("deploy.sh", "--region", "x-1");

        assertEquals(1, result.exit());
        assertTrue(result.stderr().startsWith("deploy.sh: needs the AWS CLI v2, found: aws-cli/1.45.11"),
                result.stderr());
    }

    @Test
    void missingCredentials_stopBeforeAnythingIsBuiltOrCreated() throws Exception {
        ScriptSandbox.Result result = sandbox.with("STUB_NO_CREDENTIALS", "1").run("deploy.sh", "--region", "eu-west-1");

        assertEquals(1, result.exit());
        assertEquals("deploy.sh: no usable AWS credentials: run 'aws configure' or 'aws sso login', or set "
                + "AWS_PROFILE, then retry\n", result.stderr());
        assertEquals(List.of("aws --version", "aws sts get-caller-identity " + REGION + " --query Account --output text"),
                result.calls());
    }

    @Test
    void noRegion_isRefusedWithTheOptionToPass() throws Exception {
        ScriptSandbox.Result result = deploy();

        assertEquals(1, result.exit());
        assertEquals("deploy.sh: no region: pass --region or set AWS_REGION\n", result.stderr());
    }
}
