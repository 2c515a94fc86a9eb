package dev.pinhole.infra;

import dev.pinhole.testkit.RequiredTools;

import static dev.pinhole.infra.Template.asList;
import static dev.pinhole.infra.Template.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AWS's offline validator, strict (warnings fail), with the project's CEL rules, passes the real templates;
 * and each project rule fails a copy of the template broken in the way that rule exists to prevent.
 * All templates go through one validator run, because starting the engine is the slow part.
 */
class TemplateValidationTest {
    @TempDir
    static Path work;

    private static Template template;
    private static Path roundTrip;
    private static final Map<Mutation, Path> MUTANTS = new LinkedHashMap<>();
    private static Map<Path, OfflineValidator.Report> reports;

    @BeforeAll
    static void validateEverything() {
        RequiredTools.require("Node.js (node)", RequiredTools.onPath("node"));
        RequiredTools.require("npm", RequiredTools.onPath("npm"));
        template = Template.load(Repo.TEMPLATE);
        // The unchanged template, written back by the same code that writes mutants: if this is clean, a
        // mutant's finding comes from its mutation and not from the writing.
        roundTrip = work.resolve("round-trip.yaml");
        template.write(roundTrip);
        List<Path> all = new ArrayList<>(List.of(Repo.TEMPLATE, Repo.ARTIFACT_TEMPLATE, Repo.WEB_ACL_TEMPLATE, roundTrip));
        mutations().forEach(mutation -> {
            Path file = work.resolve("mutant-" + MUTANTS.size() + ".yaml");
            mutation.applyTo(template).write(file);
            MUTANTS.put(mutation, file);
            all.add(file);
        });
        Template artifacts = Template.load(Repo.ARTIFACT_TEMPLATE);
        artifactMutations().forEach(mutation -> {
            Path file = work.resolve("artifact-mutant-" + MUTANTS.size() + ".yaml");
            mutation.applyTo(artifacts).write(file);
            MUTANTS.put(mutation, file);
            all.add(file);
        });
        Template webAcl = Template.load(Repo.WEB_ACL_TEMPLATE);
        webAclMutations().forEach(mutation -> {
            Path file = work.resolve("web-acl-mutant-" + MUTANTS.size() + ".yaml");
            mutation.applyTo(webAcl).write(file);
            MUTANTS.put(mutation, file);
            all.add(file);
        });
        reports = OfflineValidator.validate(all);
    }

    private static OfflineValidator.Report report(Path file) {
        return reports.get(file.toAbsolutePath());
    }

    @Test
    void template_passesStrictValidationWithProjectRules() {
        OfflineValidator.Report report = report(Repo.TEMPLATE);
        assertTrue(report.clean(), () -> "template.yaml: " + report);
    }

    @Test
    void artifactBucketTemplate_passesStrictValidationWithProjectRules() {
        OfflineValidator.Report report = report(Repo.ARTIFACT_TEMPLATE);
        assertTrue(report.clean(), () -> "artifact-bucket.yaml: " + report);
    }

    @Test
    void webAclTemplate_passesStrictValidationWithProjectRules() {
        OfflineValidator.Report report = report(Repo.WEB_ACL_TEMPLATE);
        assertTrue(report.clean(), () -> "web-acl.yaml: " + report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("webAclMutations")
    void brokenWebAclTemplate_failsItsRule(Mutation mutation) {
        OfflineValidator.Report report = report(MUTANTS.get(mutation));
        assertTrue(report.hasRule(mutation.caughtBy()), () -> mutation + " not caught; report: " + report);
    }

    /** scripts/web-acl.yaml broken where AWS's schemas know better (the project's own rules are WebAclChecks). */
    static Stream<Mutation> webAclMutations() {
        return Stream.of(
                new Mutation("web ACL scope misspelt", "W3030",
                        t -> t.properties("WebAcl").put("Scope", "CLOUDFRONTS")),
                new Mutation("rate rule without its visibility settings (schema: required)", "F3003",
                        t -> asMap(asList(t.properties("WebAcl").get("Rules")).get(0)).remove("VisibilityConfig")));
    }

    @Test
    void rewrittenTemplate_isAsCleanAsTheOriginal() {
        OfflineValidator.Report report = report(roundTrip);
        assertTrue(report.clean(), () -> "round trip: " + report);
    }

    @Test
    void validator_isThePinnedVersion() throws IOException {
        String lock = Files.readString(Repo.VALIDATOR.resolve("package-lock.json"));
        String locked = JsonParser.parseString(lock).getAsJsonObject().getAsJsonObject("packages")
                .getAsJsonObject("node_modules/@aws/cloudformation-validate").get("version").getAsString();
        assertEquals(OfflineValidator.pinnedVersion(), locked);
        assertEquals(locked, OfflineValidator.installedVersion());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void brokenTemplate_failsItsRule(Mutation mutation) {
        OfflineValidator.Report report = report(MUTANTS.get(mutation));
        assertTrue(report.hasRule(mutation.caughtBy()), () -> mutation + " not caught; report: " + report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifactMutations")
    void brokenArtifactTemplate_failsItsRule(Mutation mutation) {
        OfflineValidator.Report report = report(MUTANTS.get(mutation));
        assertTrue(report.hasRule(mutation.caughtBy()), () -> mutation + " not caught; report: " + report);
    }

    @Test
    void everyProjectRule_hasAMutationThatItCatches() throws IOException {
        TreeSet<String> ruleIds = new TreeSet<>();
        try (Stream<Path> files = Files.list(Repo.VALIDATOR.resolve("rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).collect(Collectors.toList())) {
                JsonParser.parseString(Files.readString(file)).getAsJsonObject().getAsJsonArray("rules")
                        .forEach(rule -> ruleIds.add(rule.getAsJsonObject().get("rule_id").getAsString()));
            }
        }
        assertEquals(ruleIds, Stream.concat(mutations(), artifactMutations()).map(Mutation::caughtBy)
                .filter(id -> id.startsWith("PH")).collect(Collectors.toCollection(TreeSet::new)));
    }

    // ------------------------------------------------------------------ the defects each rule exists for

    private static Map<String, Object> at(Template t, Object... path) {
        return asMap(t.at(path));
    }

    private static List<Object> statements(Template t, String policyResource) {
        return asList(at(t, "Resources", policyResource, "Properties", "PolicyDocument").get("Statement"));
    }

    private static Map<String, Object> roleStatement(Template t, int policy) {
        return asMap(asList(at(t, "Resources", "TicketRole", "Properties", "Policies", policy, "PolicyDocument")
                .get("Statement")).get(0));
    }

    private static Map<String, Object> invalidatorStatement(Template t, int policy) {
        return asMap(asList(at(t, "Resources", "InvalidatorRole", "Properties", "Policies", policy, "PolicyDocument")
                .get("Statement")).get(0));
    }

    private static Map<String, Object> bucketAccess(Template t, String policy, int index) {
        return asMap(statements(t, policy).get(index));
    }

    private static Map<String, Object> origin(Template t, int index) {
        return at(t, "Resources", "Distribution", "Properties", "DistributionConfig", "Origins", index);
    }

    private static Map<String, Object> artifactBucket(Template t) {
        return t.properties("ArtifactBucket");
    }

    private static Map<String, Object> firstLifecycleRule(Template t) {
        return asMap(asList(asMap(artifactBucket(t).get("LifecycleConfiguration")).get("Rules")).get(0));
    }

    /** scripts/artifact-bucket.yaml broken in the ways PH008 exists for (defect 6 of issue 15). */
    static Stream<Mutation> artifactMutations() {
        return Stream.of(
                new Mutation("jars expire after 30 days, as before", "PH008",
                        t -> firstLifecycleRule(t).put("ExpirationInDays", 30)),
                new Mutation("artifact bucket not versioned", "PH008",
                        t -> artifactBucket(t).remove("VersioningConfiguration")),
                new Mutation("versioning suspended", "PH008",
                        t -> artifactBucket(t).put("VersioningConfiguration", Map.of("Status", "Suspended"))),
                new Mutation("noncurrent versions kept for ever", "PH008",
                        t -> firstLifecycleRule(t).remove("NoncurrentVersionExpiration")));
    }

    static Stream<Mutation> mutations() {
        return Stream.of(
                new Mutation("image bucket allows public policies", "PH001",
                        t -> at(t, "Resources", "ImageBucket", "Properties", "PublicAccessBlockConfiguration")
                                .put("BlockPublicPolicy", false)),
                new Mutation("site bucket without public access block", "PH001",
                        t -> t.properties("SiteBucket").remove("PublicAccessBlockConfiguration")),
                new Mutation("site bucket without default encryption", "PH002",
                        t -> t.properties("SiteBucket").remove("BucketEncryption")),
                new Mutation("image bucket encryption rule without algorithm", "PH002",
                        t -> at(t, "Resources", "ImageBucket", "Properties", "BucketEncryption")
                                .put("ServerSideEncryptionConfiguration", List.of(Map.of("BucketKeyEnabled", true)))),
                new Mutation("image origin without OAC", "PH003", t -> origin(t, 1).remove("OriginAccessControlId")),
                new Mutation("site origin through a legacy OAI", "PH003",
                        t -> asMap(origin(t, 0).get("S3OriginConfig"))
                                .put("OriginAccessIdentity", "origin-access-identity/cloudfront/E2EXAMPLE")),
                new Mutation("image bucket reached as a custom (public) origin", "PH003", t -> {
                    origin(t, 1).remove("S3OriginConfig");
                    origin(t, 1).remove("OriginAccessControlId");
                    origin(t, 1).put("CustomOriginConfig", Map.of("OriginProtocolPolicy", "https-only"));
                }),
                new Mutation("role may put anywhere in the bucket", "PH004",
                        t -> roleStatement(t, 0).put("Resource", Map.of("Fn::Sub", "${ImageBucket.Arn}/*"))),
                new Mutation("role may list the bucket", "PH004",
                        t -> roleStatement(t, 0).put("Action", List.of("s3:PutObject", "s3:ListBucket"))),
                new Mutation("publisher may delete refusal records (tombstones)", "PH004",
                        t -> asMap(asList(at(t, "Resources", "PublisherBucketAccess", "Properties",
                                "PolicyDocument").get("Statement")).get(1))
                                .put("Action", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"))),
                new Mutation("invalidator may invalidate every distribution", "PH004",
                        t -> invalidatorStatement(t, 0).put("Resource", "*")),
                new Mutation("invalidator may invalidate a distribution named by hand", "PH004",
                        t -> invalidatorStatement(t, 0).put("Resource", "arn:aws:cloudfront::123456789012:distribution/EOTHER")),
                new Mutation("invalidator may change the distribution", "PH004",
                        t -> invalidatorStatement(t, 0).put("Action",
                                List.of("cloudfront:CreateInvalidation", "cloudfront:UpdateDistribution"))),
                new Mutation("invalidator may list every image", "PH004", t -> bucketAccess(t, "InvalidatorBucketAccess", 0)
                        .remove("Condition")),
                new Mutation("invalidator may list the published images", "PH004",
                        t -> bucketAccess(t, "InvalidatorBucketAccess", 0).put("Condition",
                                Map.of("StringEquals", Map.of("s3:prefix", "i/")))),
                new Mutation("publisher may tag uploads", "PH004", t -> bucketAccess(t, "PublisherBucketAccess", 2)
                        .put("Resource", List.of(Map.of("Fn::Sub", "${ImageBucket.Arn}/i/*"),
                                Map.of("Fn::Sub", "${ImageBucket.Arn}/u/*")))),
                new Mutation("image API may write anywhere in the bucket", "PH004",
                        t -> asMap(asList(at(t, "Resources", "ImageApiRole", "Properties", "Policies", 0,
                                "PolicyDocument").get("Statement")).get(2)).put("Resource",
                                Map.of("Fn::Sub", "${ImageBucket.Arn}/*"))),
                new Mutation("publisher may send to any queue", "PH004",
                        t -> asMap(asList(at(t, "Resources", "PublisherRole", "Properties", "Policies", 1,
                                "PolicyDocument").get("Statement")).get(0)).put("Resource", "*")),
                new Mutation("role has s3:*", "PH004", t -> roleStatement(t, 0).put("Action", "s3:*")),
                new Mutation("role writes every log group", "PH004", t -> roleStatement(t, 1).put("Resource", "*")),
                new Mutation("role has a managed policy", "PH004", t -> t.properties("TicketRole").put(
                        "ManagedPolicyArns",
                        List.of("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"))),
                new Mutation("function on java17", "PH005", t -> t.properties("TicketFunction").put("Runtime", "java17")),
                new Mutation("function without SnapStart", "PH005", t -> t.properties("TicketFunction").remove("SnapStart")),
                new Mutation("no published version", "PH005", t -> {
                    t.resources().remove("TicketVersion");
                    t.properties("TicketAlias").put("FunctionVersion", "$LATEST");
                }),
                new Mutation("any account's bucket may invoke the publisher", "PH009",
                        t -> t.properties("PublisherInvokePermission").remove("SourceAccount")),
                new Mutation("any bucket may invoke the publisher", "PH009",
                        t -> t.properties("PublisherInvokePermission").remove("SourceArn")),
                new Mutation("publisher with SnapStart but no version", "PH005",
                        t -> t.properties("PublisherFunction").put("SnapStart", Map.of("ApplyOn", "PublishedVersions"))),
                new Mutation("site bucket accepts plain HTTP", "PH006", t -> statements(t, "SiteBucketPolicy").remove(1)),
                new Mutation("TLS condition inverted", "PH006", t -> asMap(asMap(asMap(
                        statements(t, "ImageBucketPolicy").get(1)).get("Condition")).get("Bool"))
                        .put("aws:SecureTransport", "true")),
                new Mutation("TLS denial covers the bucket but not its objects", "PH006",
                        t -> asMap(statements(t, "ImageBucketPolicy").get(1))
                                .put("Resource", List.of(Map.of("Fn::GetAtt", List.of("ImageBucket", "Arn"))))),
                new Mutation("image bucket without a policy", "PH006", t -> t.resources().remove("ImageBucketPolicy")),
                new Mutation("bucket readable by anyone", "PH007",
                        t -> asMap(statements(t, "ImageBucketPolicy").get(0)).put("Principal", "*")),
                new Mutation("bucket readable by any distribution", "PH007",
                        t -> asMap(statements(t, "SiteBucketPolicy").get(0)).remove("Condition")),
                new Mutation("CloudFront may write to the bucket", "PH007",
                        t -> asMap(statements(t, "SiteBucketPolicy").get(0)).put("Action", "s3:*")),
                // The validator's own cycle check, on the trap the header comment describes.
                new Mutation("invalidator names the bucket by reference (a dependency cycle)", "F3004",
                        t -> asMap(asMap(t.properties("InvalidatorFunction").get("Environment")).get("Variables"))
                                .put("PINHOLE_BUCKET", Map.of("Ref", "ImageBucket"))),
                // Two of the validator's own rules, to show they run and that strict mode fails on a warning.
                new Mutation("misspelt property (schema error)", "F3002",
                        t -> t.properties("TicketFunction").put("MemorySise", 1024)),
                new Mutation("unused parameter (a warning, failed by strict mode)", "W2001",
                        t -> asMap(t.at("Parameters")).put("Unused", Map.of("Type", "String", "Default", "x"))));
    }
}
