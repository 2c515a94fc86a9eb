package dev.pinhole.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/destroy.sh against a stub aws: buckets are emptied before their stacks are deleted. */
class DestroyScriptTest {
    private static final String REGION = "--region eu-west-1";

    @TempDir
    Path dir;
    private ScriptSandbox sandbox;

    @BeforeEach
    void sandbox() throws Exception {
        sandbox = new ScriptSandbox(dir);
    }

    @Test
    void destroy_emptiesEachBucketBeforeDeletingItsStackThenTheArtifacts() throws Exception {
        ScriptSandbox.Result result = sandbox.run("destroy.sh", "--stack-name", "demo", "--region", "eu-west-1", "--yes");

        assertEquals(0, result.exit(), result.stderr());
        List<String> changes = result.calls().stream()
                .filter(call -> call.startsWith("aws s3 rm") || call.startsWith("aws cloudformation delete-stack")
                        || call.startsWith("aws cloudformation wait") || call.startsWith("aws s3api delete-objects"))
                .map(call -> call.replaceAll("file://\\S+", "file://BATCH"))
                .toList();
        assertEquals(List.of(
                "aws s3 rm " + REGION + " --only-show-errors --recursive s3://demo-images-123456789012-eu-west-1",
                "aws s3 rm " + REGION + " --only-show-errors --recursive s3://demo-site-bucket",
                "aws cloudformation delete-stack " + REGION + " --stack-name demo",
                "aws cloudformation wait stack-delete-complete " + REGION + " --stack-name demo",
                // The artifact bucket is versioned: every version and delete marker goes, then the listing is empty.
                "aws s3api delete-objects " + REGION + " --bucket demo-artifacts-bucket --delete file://BATCH --output json",
                "aws cloudformation delete-stack " + REGION + " --stack-name demo-artifacts",
                "aws cloudformation wait stack-delete-complete " + REGION + " --stack-name demo-artifacts"), changes);
        assertEquals(2, result.callsStartingWith("aws s3api list-object-versions " + REGION
                + " --bucket demo-artifacts-bucket --max-items 1000").size());
    }

    @Test
    void destroy_ofAStackWithARateLimit_deletesItsWebAclInUsEast1AfterTheDistribution() throws Exception {
        // Given a stack deployed with the rate limit on (its web ACL is a stack in us-east-1)
        ScriptSandbox.Result deployed = sandbox.run("deploy.sh", "--stack-name", "demo", "--region", "eu-west-1",
                "--set", "UploadRateLimit=100");
        assertEquals(0, deployed.exit(), deployed.stderr());

        // When it is destroyed
        ScriptSandbox.Result result = sandbox.run("destroy.sh", "--stack-name", "demo", "--region", "eu-west-1", "--yes");

        // Then the web ACL's stack goes after the main stack (whose distribution used it), before the artifacts
        assertEquals(0, result.exit(), result.stderr());
        List<String> deletes = result.callsStartingWith("aws cloudformation delete-stack");
        assertEquals(List.of("aws cloudformation delete-stack " + REGION + " --stack-name demo",
                "aws cloudformation delete-stack --region us-east-1 --stack-name demo-eu-west-1-waf",
                "aws cloudformation delete-stack " + REGION + " --stack-name demo-artifacts"), deletes);
    }

    @Test
    void destroy_withoutYesAndWithoutATerminal_deletesNothing() throws Exception {
        ScriptSandbox.Result result = sandbox.run("destroy.sh", "--stack-name", "demo", "--region", "eu-west-1");

        assertEquals(1, result.exit());
        assertEquals("destroy.sh: refusing to delete demo without --yes when not run from a terminal\n",
                result.stderr());
        assertEquals(List.of(), result.callsStartingWith("aws cloudformation delete-stack"));
        assertEquals(List.of(), result.callsStartingWith("aws s3 rm"));
    }

    @Test
    void destroy_ofStacksAlreadyGone_succeedsWithoutDeleting() throws Exception {
        ScriptSandbox.Result result = sandbox.with("STUB_STACKS_GONE", "1")
                .run("destroy.sh", "--region", "eu-west-1", "--yes");

        assertEquals(0, result.exit(), result.stderr());
        assertTrue(result.stdout().contains("Stack pinhole does not exist in eu-west-1; skipping it."), result.stdout());
        assertEquals(List.of(), result.callsStartingWith("aws cloudformation delete-stack"));
    }

    @Test
    void help_printsUsageAndCallsNothing() throws Exception {
        ScriptSandbox.Result result = sandbox.run("destroy.sh", "-h");

        assertEquals(0, result.exit());
        assertTrue(result.stdout().contains("Usage: scripts/destroy.sh [--stack-name NAME] [--region REGION] [--yes]"),
                result.stdout());
        assertEquals(List.of(), result.calls());
    }

    @Test
    void missingAwsCli_isNamed() throws Exception {
        ScriptSandbox.Result result = sandbox.withoutAws().run("destroy.sh", "--yes");

        assertEquals(1, result.exit());
        assertTrue(result.stderr().startsWith("destroy.sh: the AWS CLI v2 is not installed"), result.stderr());
    }
}
