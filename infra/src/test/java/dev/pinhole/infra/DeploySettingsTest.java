package dev.pinhole.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deploy.sh and the settings of the functions, against the recording stub: SettingsDigest is computed from the
 * template and exactly the function settings, so the version the live alias runs changes when, and only when,
 * a setting or the code does. "Publishes a new version" is judged as CloudFormation judges it: by the version's
 * Description (and CodeSha256), resolved from the parameters the stack has after the deploy.
 */
class DeploySettingsTest {
    private static final String STACK = "demo";

    @TempDir
    Path dir;
    private ScriptSandbox sandbox;
    private SettingsDigestRecipe recipe;

    @BeforeEach
    void sandbox() throws Exception {
        sandbox = new ScriptSandbox(dir);
        recipe = new SettingsDigestRecipe(sandbox.root.resolve("template.yaml"));
    }

    private ScriptSandbox.Result deploy(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--stack-name", STACK, "--region", "eu-west-1"));
        all.addAll(Arrays.asList(args));
        ScriptSandbox.Result result = sandbox.run("deploy.sh", all.toArray(String[]::new));
        assertEquals(0, result.exit(), result.stderr());
        return result;
    }

    private Map<String, String> lastDeploy() throws Exception {
        List<Map<String, String>> deploys = sandbox.deploys(STACK);
        return deploys.get(deploys.size() - 1);
    }

    private Map<String, String> liveVersions() throws Exception {
        return recipe.versionDescriptions(sandbox.stackParameters(STACK));
    }

    @Test
    void settingsDigest_isComputedFromTheTemplateAndExactlyTheFunctionSettings() throws Exception {
        // Given settings of a first deploy, one of them a secret
        deploy("--set", "MaxUploadBytes=1048576", "--set", "UploadToken=correct-horse-battery");

        // Then every non-secret function setting is passed, those not given with the template's default
        Map<String, String> passed = lastDeploy();
        for (String name : recipe.functionSettings()) {
            if (!recipe.isNoEcho(name) && !List.of("MaxUploadBytes", "ArtifactBucket", "ArtifactKey").contains(name)) {
                assertEquals(recipe.defaultOf(name), passed.get(name), name);
            }
        }
        assertEquals("1048576", passed.get("MaxUploadBytes"));
        // And the secrets are recorded only as their salted digests
        Map<String, String> digests = SettingsDigestRecipe.noEchoDigests(passed.get("NoEchoDigests"));
        assertEquals(SettingsDigestRecipe.secretDigest(STACK, "UploadToken", "correct-horse-battery"),
                digests.get("UploadToken"));
        assertEquals(SettingsDigestRecipe.secretDigest(STACK, "OriginSecret", passed.get("OriginSecret")),
                digests.get("OriginSecret"));
        // And SettingsDigest is exactly the recipe's, from the template and those values
        assertEquals(recipe.expected(passed), passed.get("SettingsDigest"));
    }

    @Test
    void rerun_withUnchangedBuildAndSettings_uploadsNothingAndPublishesNoVersion() throws Exception {
        // Given a first deploy
        deploy("--set", "UploadToken=correct-horse-battery");
        Map<String, String> before = liveVersions();

        // When deploy.sh runs again with the same build and no settings
        ScriptSandbox.Result rerun = deploy();

        // Then nothing is uploaded, no secret is sent again, and every version stays as it was
        assertEquals(List.of(), rerun.callsStartingWith("aws s3 cp"));
        assertTrue(rerun.stdout().contains("is already uploaded"), rerun.stdout());
        assertFalse(lastDeploy().containsKey("UploadToken"), lastDeploy().toString());
        assertFalse(lastDeploy().containsKey("OriginSecret"), lastDeploy().toString());
        assertEquals(before, liveVersions());
        assertEquals(recipe.expected(lastDeploy()), lastDeploy().get("SettingsDigest"));
    }

    /** One way to change what a function runs with between two deploys. */
    record Change(String name, List<String> args, Consumer<ScriptSandbox> before) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Change> changes() {
        return Stream.of(
                new Change("upload token set", List.of("--set", "UploadToken=a-new-token"), s -> { }),
                new Change("upload size limit", List.of("--set", "MaxUploadBytes=1048576"), s -> { }),
                new Change("URL lifetime", List.of("--set", "UrlLifetimeSeconds=60"), s -> { }),
                new Change("allowed extensions", List.of("--set", "AllowedExtensions=png,webp"), s -> { }),
                new Change("lifetimes offered", List.of("--set", "Lifetimes=forever,1d,90d"), s -> { }),
                new Change("default lifetime", List.of("--set", "DefaultLifetime=7d"), s -> { }),
                new Change("custom domain", List.of("--domain", "img.example.com", "--certificate-arn",
                        "arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234"), s -> { }),
                new Change("origin secret rotated", List.of("--set", "OriginSecret=" + "0123456789abcdef".repeat(4)),
                        s -> { }),
                new Change("new build", List.of(), s -> s.with("STUB_JAR_CONTENT", "a rebuilt jar")),
                new Change("function's memory edited in the template", List.of(), s -> edit(s, "MemorySize: 1024",
                        "MemorySize: 2048")));
    }

    private static void edit(ScriptSandbox sandbox, String from, String to) {
        Path template = sandbox.root.resolve("template.yaml");
        try {
            String text = Files.readString(template, StandardCharsets.UTF_8);
            assertTrue(text.contains(from), from);
            Files.writeString(template, text.replace(from, to), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void changedSetting_publishesANewVersion(Change change) throws Exception {
        // Given a deployed stack
        deploy();
        Map<String, String> before = liveVersions();

        // When one thing a function runs with changes and deploy.sh runs again
        change.before().accept(sandbox);
        deploy(change.args().toArray(String[]::new));

        // Then every version's Description differs, so CloudFormation publishes new versions for the alias
        Map<String, String> after = liveVersions();
        before.forEach((version, description) -> assertNotEquals(description, after.get(version), version));
        assertEquals(recipe.expected(lastDeploy()), lastDeploy().get("SettingsDigest"));
    }

    @Test
    void settingNoFunctionReads_publishesNoVersion() throws Exception {
        // Given a deployed stack
        deploy();
        Map<String, String> before = liveVersions();

        // When only the log retention changes
        deploy("--set", "LogRetentionDays=7");

        // Then it is passed, and the versions stay
        assertEquals("7", lastDeploy().get("LogRetentionDays"));
        assertEquals(before, liveVersions());
    }

    @Test
    void keptSecret_staysInTheDigestWithoutBeingSentAgain() throws Exception {
        // Given a stack deployed with an upload token
        deploy("--set", "UploadToken=correct-horse-battery");
        String recorded = lastDeploy().get("NoEchoDigests");

        // When the next deploy changes another setting
        deploy("--set", "MaxUploadBytes=1048576");

        // Then the token is not sent again, yet its digest is the one recorded for it
        assertFalse(lastDeploy().containsKey("UploadToken"));
        assertEquals(recorded, lastDeploy().get("NoEchoDigests"));
        assertEquals(recipe.expected(lastDeploy()), lastDeploy().get("SettingsDigest"));
    }

    @Test
    void versionDescriptions_holdNoSecret() throws Exception {
        // Given a deploy with an upload token (and a generated origin secret)
        deploy("--set", "UploadToken=correct-horse-battery");
        String originSecret = lastDeploy().get("OriginSecret");

        // Then no Description, and no record, holds either secret
        for (String description : liveVersions().values()) {
            assertFalse(description.contains("correct-horse-battery"), description);
            assertFalse(description.contains(originSecret), description);
        }
        assertFalse(lastDeploy().get("NoEchoDigests").contains("correct-horse-battery"));
    }

    @Test
    void stackFromBeforeDigests_keepsItsSecretsAndRecordsThemAsKept() throws Exception {
        // Given a stack an older deploy.sh made: secrets set, no digests recorded
        sandbox.withStack(STACK, Map.of("OriginSecret", "f".repeat(64), "UploadToken", "old-token",
                "MaxUploadBytes", "1048576", "CustomDomain", "", "UrlLifetimeSeconds", "300", "AllowedExtensions", ""));

        // When deploy.sh runs
        deploy();

        // Then it sends neither secret, keeps the other settings, and digests the secrets as kept
        Map<String, String> passed = lastDeploy();
        assertFalse(passed.containsKey("OriginSecret"));
        assertFalse(passed.containsKey("UploadToken"));
        assertEquals("1048576", passed.get("MaxUploadBytes"));
        assertEquals("OriginSecret:kept,UploadToken:kept", passed.get("NoEchoDigests"));
        assertEquals(recipe.expected(passed), passed.get("SettingsDigest"));
    }

    @Test
    void lifetimes_reachTheStackAsGiven() throws Exception {
        // When a deploy offers only lifetimes, with one of them the default
        deploy("--set", "Lifetimes=1d,7d,30d", "--set", "DefaultLifetime=7d");

        // Then both are passed as given
        assertEquals("1d,7d,30d", lastDeploy().get("Lifetimes"));
        assertEquals("7d", lastDeploy().get("DefaultLifetime"));
    }

    @Test
    void defaultLifetimeNotOffered_isRefusedBeforeAnythingIsBuilt() throws Exception {
        // When the list leaves out forever but the default stays forever (the template's default)
        ScriptSandbox.Result result = sandbox.run("deploy.sh", "--stack-name", STACK, "--region", "eu-west-1",
                "--set", "Lifetimes=1d,7d");

        // Then nothing is built or deployed, and the message says what to add
        assertEquals(1, result.exit());
        assertEquals("deploy.sh: DefaultLifetime forever is not one of Lifetimes (1d,7d): pass --set"
                + " DefaultLifetime=<one of them> too\n", result.stderr());
        assertEquals(List.of(), result.callsStartingWith("mvn"));
    }

    @Test
    void defaultLifetimeKeptFromTheStack_isCheckedAgainstANewList() throws Exception {
        // Given a stack whose default lifetime is 7d
        deploy("--set", "Lifetimes=forever,7d", "--set", "DefaultLifetime=7d");

        // When a later deploy offers a list without 7d
        ScriptSandbox.Result result = sandbox.run("deploy.sh", "--stack-name", STACK, "--region", "eu-west-1",
                "--set", "Lifetimes=forever,1d");

        // Then it is refused: the kept default would not be offered
        assertEquals(1, result.exit());
        assertTrue(result.stderr().contains("DefaultLifetime 7d is not one of Lifetimes (forever,1d)"), result.stderr());
    }

    @Test
    void unknownSetting_isRefusedBeforeAnythingIsBuilt() throws Exception {
        ScriptSandbox.Result result = sandbox.run("deploy.sh", "--region", "eu-west-1", "--set", "MaxUploadByte=1");

        assertEquals(1, result.exit());
        assertEquals("deploy.sh: --set MaxUploadByte: template.yaml has no such setting (see docs/DEPLOY.md)\n",
                result.stderr());
        assertEquals(List.of(), result.callsStartingWith("mvn"));
    }

    @Test
    void settingDeployShComputes_isRefused() throws Exception {
        ScriptSandbox.Result result = sandbox.run("deploy.sh", "--region", "eu-west-1", "--set", "SettingsDigest=0");

        assertEquals(1, result.exit());
        assertEquals("deploy.sh: --set SettingsDigest: deploy.sh computes SettingsDigest itself\n", result.stderr());
    }
}
