package dev.pinhole.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy.sh and the cost ceilings (reserved concurrency against the account's Lambda quota) and the rate limit's web
 * ACL (a stack of its own in us-east-1), against the recording stub.
 */
class DeployLimitsTest {
    private static final String STACK = "demo";
    private static final String WAF_STACK = "demo-eu-west-1-waf";

    @TempDir
    java.nio.file.Path dir;
    private ScriptSandbox sandbox;
    private List<String> ceilings;

    @BeforeEach
    void sandbox() throws Exception {
        sandbox = new ScriptSandbox(dir);
        ceilings = Template.asList(Template.load(Repo.TEMPLATE).at("Metadata", ConcurrencyChecks.CONCURRENCY_SETTINGS))
                .stream().map(String::valueOf).toList();
    }

    private ScriptSandbox.Result run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--stack-name", STACK, "--region", "eu-west-1"));
        all.addAll(Arrays.asList(args));
        return sandbox.run("deploy.sh", all.toArray(String[]::new));
    }

    private ScriptSandbox.Result deploy(String... args) throws Exception {
        ScriptSandbox.Result result = run(args);
        assertEquals(0, result.exit(), result.stderr());
        return result;
    }

    private Map<String, String> lastDeploy(String stack) throws Exception {
        List<Map<String, String>> deploys = sandbox.deploys(stack);
        return deploys.get(deploys.size() - 1);
    }

    @Test
    void guardsTheTestItself_everyFunctionHasACeiling() {
        assertEquals(4, ceilings.size(), ceilings.toString());
    }

    @Test
    void standardQuota_keepsTheTemplatesCeilings() throws Exception {
        // Given an account with the standard quota of 1,000, when Pinhole is deployed for the first time
        deploy();

        // Then no ceiling is passed, so CloudFormation applies the template's defaults
        Map<String, String> passed = lastDeploy(STACK);
        ceilings.forEach(name -> assertFalse(passed.containsKey(name), name + " in " + passed));
    }

    @Test
    void newAccountWithQuotaTen_deploysWithoutReservations_andSaysSo() throws Exception {
        // Given a new account, whose quota of 10 Lambda keeps wholly unreserved
        sandbox.with("STUB_CONCURRENCY_QUOTA", "10");

        // When Pinhole is deployed
        ScriptSandbox.Result result = deploy();

        // Then every function goes without a reservation, which CloudFormation would otherwise refuse
        Map<String, String> passed = lastDeploy(STACK);
        ceilings.forEach(name -> assertEquals("0", passed.get(name), name));
        assertTrue(result.stdout().contains("quota in eu-west-1 is 10"), result.stdout());
        assertTrue(result.stdout().contains("Cost ceilings"), result.stdout());
    }

    @Test
    void accountWhoseOtherFunctionsReserveMost_deploysWithoutReservations() throws Exception {
        // Given 1,000 in all but only 120 unreserved (other functions hold the rest): 20 can be reserved
        sandbox.with("STUB_UNRESERVED_CONCURRENCY", "120");

        deploy();

        Map<String, String> passed = lastDeploy(STACK);
        ceilings.forEach(name -> assertEquals("0", passed.get(name), name));
    }

    @Test
    void ceilingGivenOnASmallAccount_isRefusedBeforeAnythingIsBuilt() throws Exception {
        sandbox.with("STUB_CONCURRENCY_QUOTA", "10");

        ScriptSandbox.Result result = run("--set", "TicketConcurrency=5");

        assertEquals(1, result.exit());
        assertTrue(result.stderr().contains("--set TicketConcurrency: this account's Lambda concurrency quota in"
                + " eu-west-1 is 10"), result.stderr());
        assertEquals(List.of(), result.callsStartingWith("mvn"));
        assertEquals(List.of(), result.callsStartingWith("aws cloudformation deploy"));
    }

    @Test
    void changedCeiling_isPassed_andPublishesNoVersion() throws Exception {
        // Given a deployed stack
        deploy();
        SettingsDigestRecipe recipe = new SettingsDigestRecipe(sandbox.root.resolve("template.yaml"));
        Map<String, String> before = recipe.versionDescriptions(sandbox.stackParameters(STACK));

        // When the ticket function's ceiling is raised
        deploy("--set", "TicketConcurrency=20");

        // Then it reaches the stack, and the live version stays: a reservation is the function's, not a version's
        assertEquals("20", lastDeploy(STACK).get("TicketConcurrency"));
        assertEquals(before, recipe.versionDescriptions(sandbox.stackParameters(STACK)));
    }

    @Test
    void stackFromBeforeNumbers_hasItsUnreservedInvalidatorTurnedIntoZero() throws Exception {
        sandbox.withStack(STACK, Map.of("OriginSecret", "f".repeat(64), "InvalidatorConcurrency", "unreserved"));

        deploy();

        assertEquals("0", lastDeploy(STACK).get("InvalidatorConcurrency"));
    }

    @Test
    void rateLimit_createsTheWebAclInUsEast1First_andAttachesIt() throws Exception {
        // When the rate limit is turned on
        ScriptSandbox.Result result = deploy("--set", "UploadRateLimit=100");

        // Then the web ACL's stack is deployed in us-east-1 with that limit, before the main stack
        List<String> calls = result.calls();
        int waf = indexOf(calls, "aws cloudformation deploy --region us-east-1 --stack-name " + WAF_STACK
                + " --template-file " + sandbox.root.resolve("scripts/web-acl.yaml"));
        int main = indexOf(calls, "aws cloudformation deploy --region eu-west-1 --stack-name " + STACK + " ");
        assertTrue(waf >= 0 && waf < main, String.join("\n", calls));
        assertEquals("100", lastDeploy(WAF_STACK).get("RateLimit"));
        // And the main stack gets its ARN, and keeps the limit for later runs
        assertTrue(lastDeploy(STACK).get("WebAclArn").startsWith("arn:aws:wafv2:us-east-1:123456789012:global/webacl/"
                + WAF_STACK + "/"), lastDeploy(STACK).toString());
        assertEquals("100", sandbox.stackParameters(STACK).get("UploadRateLimit"));

        // When a later run says nothing about it, the web ACL stays
        deploy();
        assertEquals(lastDeploy(STACK).get("WebAclArn"), sandbox.deploys(STACK).get(0).get("WebAclArn"));
        assertEquals(2, sandbox.deploys(WAF_STACK).size());
    }

    @Test
    void rateLimitTurnedOff_detachesTheWebAcl_thenDeletesItsStack() throws Exception {
        // Given a stack with the rate limit on
        deploy("--set", "UploadRateLimit=100");

        // When it is turned off
        ScriptSandbox.Result result = deploy("--set", "UploadRateLimit=off");

        // Then the distribution lets the web ACL go first, and only then is its stack deleted
        assertEquals("", lastDeploy(STACK).get("WebAclArn"));
        List<String> calls = result.calls();
        int main = indexOf(calls, "aws cloudformation deploy --region eu-west-1 --stack-name " + STACK + " ");
        int delete = indexOf(calls, "aws cloudformation delete-stack --region us-east-1 --stack-name " + WAF_STACK);
        assertTrue(main >= 0 && delete > main, String.join("\n", calls));
        assertEquals(List.of(), result.callsStartingWith("aws cloudformation deploy --region us-east-1"));
    }

    @Test
    void rateLimitOffByDefault_touchesNoWebAcl() throws Exception {
        ScriptSandbox.Result result = deploy();

        assertEquals("", lastDeploy(STACK).get("WebAclArn"));
        assertEquals(List.of(), result.callsStartingWith("aws cloudformation deploy --region us-east-1"));
        assertEquals(List.of(), result.callsStartingWith("aws cloudformation delete-stack"));
    }

    @Test
    void rateLimitBelowWafsLeast_isRefusedBeforeAnythingIsBuilt() throws Exception {
        ScriptSandbox.Result result = run("--set", "UploadRateLimit=5");

        assertEquals(1, result.exit());
        assertTrue(result.stderr().contains("UploadRateLimit 5 is neither off nor a number"), result.stderr());
        assertEquals(List.of(), result.callsStartingWith("mvn"));
    }

    private static int indexOf(List<String> calls, String prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
