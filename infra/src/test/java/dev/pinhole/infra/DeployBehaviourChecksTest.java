package dev.pinhole.infra;

import static dev.pinhole.infra.Template.asList;
import static dev.pinhole.infra.Template.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The template does what a real deploy needs (settings go live, SnapStart stays warm, CloudFront names do not
 * clash, URLs do not outlive their credentials), and each check catches a template broken in that way.
 */
class DeployBehaviourChecksTest {
    private static Template template;
    private static HandlerProbe handler;

    private static final Map<String, Function<DeployBehaviourChecks, List<String>>> CHECKS = Map.of(
            "versionsFollowSettings", DeployBehaviourChecks::versionsFollowSettings,
            "keepWarm", DeployBehaviourChecks::keepWarm,
            "cloudFrontNames", DeployBehaviourChecks::cloudFrontNames,
            "urlLifetime", DeployBehaviourChecks::urlLifetime);

    @BeforeAll
    static void load() {
        template = Template.load(Repo.TEMPLATE);
        handler = new HandlerProbe();
    }

    private static List<String> run(String check, Template subject) {
        return CHECKS.get(check).apply(new DeployBehaviourChecks(subject, handler));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkNames")
    void template_passesCheck(String check) {
        assertEquals(List.of(), run(check, template));
    }

    static Stream<String> checkNames() {
        return CHECKS.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void brokenTemplate_isCaughtByItsCheck(Mutation mutation) {
        List<String> problems = run(mutation.caughtBy(), mutation.applyTo(template));
        assertFalse(problems.isEmpty(), mutation + " went unnoticed");
    }

    @Test
    void everyCheck_hasAMutationThatItCatches() {
        assertEquals(checkNames().toList(), mutations().map(Mutation::caughtBy).distinct().sorted().toList());
    }

    @Test
    void functionSettings_areFoundThroughRefsSubsAndConditions() {
        // Guards the check itself: were the search to find nothing, "every setting is listed" would mean little.
        assertEquals(List.of("AllowedExtensions", "ArtifactBucket", "ArtifactKey", "CustomDomain", "DefaultLifetime",
                "Lifetimes", "MaxUploadBytes", "OriginSecret", "UploadToken", "UrlLifetimeSeconds"),
                List.copyOf(ParameterUse.of(template, "TicketFunction", DeployBehaviourChecks.FUNCTION_WIDE_PROPERTIES)));
    }

    @Test
    void reservedConcurrency_isFoundButIsNoVersionSetting() {
        // Guards the check itself: the ceiling is a parameter of the function, left out on purpose, not unseen.
        assertTrue(ParameterUse.of(template, "TicketFunction").contains("TicketConcurrency"));
        assertFalse(ParameterUse.of(template, "TicketFunction", DeployBehaviourChecks.FUNCTION_WIDE_PROPERTIES)
                .contains("TicketConcurrency"));
    }

    private static Map<String, Object> variables(Template t) {
        return asMap(asMap(t.properties("TicketFunction").get("Environment")).get("Variables"));
    }

    private static List<Object> listedSettings(Template t) {
        return asList(asMap(t.at("Metadata")).get(DeployBehaviourChecks.FUNCTION_SETTINGS));
    }

    private static Map<String, Object> warmTarget(Template t) {
        return asMap(asList(t.properties("TicketKeepWarmRule").get("Targets")).get(0));
    }

    /** A copy of the ticket function with its own version and alias, as a second function would come. */
    private static void addSecondFunction(Template t, String versionDescription) {
        t.resources().put("OtherFunction", Template.copyOf(t.resources().get("TicketFunction")));
        Map<String, Object> version = new LinkedHashMap<>(Map.of("Type", "AWS::Lambda::Version",
                "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain",
                "Properties", new LinkedHashMap<>(Map.of("FunctionName", Map.of("Ref", "OtherFunction"),
                        "CodeSha256", Map.of("Ref", "CodeSha256"), "Description", Map.of("Fn::Sub", versionDescription)))));
        t.resources().put("OtherVersion", version);
    }

    static Stream<Mutation> mutations() {
        return Stream.of(
                new Mutation("version replaced by code changes only (the original defect)", "versionsFollowSettings",
                        t -> t.properties("TicketVersion").put("Description", Map.of("Fn::Sub", "code ${CodeSha256}"))),
                new Mutation("function reads a parameter that feeds no digest", "versionsFollowSettings",
                        t -> variables(t).put("PINHOLE_LOG_DAYS", Map.of("Ref", "LogRetentionDays"))),
                new Mutation("a setting reached only through a condition is not listed", "versionsFollowSettings",
                        t -> listedSettings(t).remove("CustomDomain")),
                new Mutation("the digest lists a parameter no function reads", "versionsFollowSettings",
                        t -> listedSettings(t).add("CertificateArn")),
                new Mutation("the template lists no function settings", "versionsFollowSettings",
                        t -> asMap(t.at("Metadata")).remove(DeployBehaviourChecks.FUNCTION_SETTINGS)),
                new Mutation("a second function whose version ignores the settings", "versionsFollowSettings",
                        t -> addSecondFunction(t, "code ${CodeSha256}")),
                new Mutation("a reserved-concurrency ceiling digested as a version setting", "versionsFollowSettings",
                        t -> listedSettings(t).add("TicketConcurrency")),
                new Mutation("replaced versions are deleted", "versionsFollowSettings",
                        t -> asMap(t.resources().get("TicketVersion")).remove("UpdateReplacePolicy")),
                new Mutation("no schedule keeps the alias warm", "keepWarm",
                        t -> t.resources().remove("TicketKeepWarmRule")),
                new Mutation("warmed every 14 days, as late as the snapshot lives", "keepWarm",
                        t -> t.properties("TicketKeepWarmRule").put("ScheduleExpression", "rate(14 days)")),
                new Mutation("warming schedule disabled", "keepWarm",
                        t -> t.properties("TicketKeepWarmRule").put("State", "DISABLED")),
                new Mutation("schedule warms $LATEST, which has no snapshot", "keepWarm",
                        t -> warmTarget(t).put("Arn", Map.of("Fn::GetAtt", List.of("TicketFunction", "Arn")))),
                new Mutation("any schedule of the account may invoke the alias", "keepWarm",
                        t -> t.properties("KeepWarmInvokePermission").remove("SourceArn")),
                new Mutation("warming event asks for a ticket", "keepWarm", t -> warmTarget(t).put("Input",
                        String.valueOf(warmTarget(t).get("Input")).replace("\"GET\"", "\"POST\"")
                                .replace("/api/limits", "/api/uploads"))),
                new Mutation("warming event without its method, an empty request", "keepWarm",
                        t -> warmTarget(t).put("Input", "{\"rawPath\":\"/api/limits\"}")),
                new Mutation("a second SnapStart function nothing warms", "keepWarm", t -> {
                    addSecondFunction(t, "code ${CodeSha256} settings ${SettingsDigest}");
                    t.resources().put("OtherAlias", Map.of("Type", "AWS::Lambda::Alias", "Properties", Map.of(
                            "FunctionName", Map.of("Ref", "OtherFunction"), "Name", "live",
                            "FunctionVersion", Map.of("Fn::GetAtt", List.of("OtherVersion", "Version")))));
                }),
                new Mutation("origin access control named from the stack alone", "cloudFrontNames",
                        t -> asMap(t.properties("OriginAccessControl").get("OriginAccessControlConfig"))
                                .put("Name", Map.of("Fn::Sub", "${AWS::StackName}-s3"))),
                new Mutation("response headers policy with a fixed name", "cloudFrontNames",
                        t -> asMap(t.properties("SiteHeadersPolicy").get("ResponseHeadersPolicyConfig"))
                                .put("Name", "pinhole-site")),
                new Mutation("function name over CloudFront's 64 characters", "cloudFrontNames",
                        t -> t.properties("ViewerHostFunction").put("Name",
                                Map.of("Fn::Sub", "${AWS::StackName}-${AWS::Region}-copies-the-viewer-host-header"))),
                new Mutation("upload URLs allowed for SigV4's seven days", "urlLifetime",
                        t -> asMap(t.at("Parameters", "UrlLifetimeSeconds")).put("MaxValue", 604800)),
                new Mutation("template and TicketConfig disagree on the longest lifetime", "urlLifetime",
                        t -> asMap(t.at("Parameters", "UrlLifetimeSeconds")).put("MaxValue", 600)),
                new Mutation("the lifetime is not a parameter", "urlLifetime",
                        t -> variables(t).put("PINHOLE_URL_LIFETIME_SECONDS", "3600")));
    }

    @Test
    void mutations_changeOnlyTheirCopy() {
        // Given the parsed template, when every mutation has run on its own copy
        List<String> before = new ArrayList<>(template.resources().keySet());
        mutations().forEach(mutation -> mutation.applyTo(template));

        // Then the original is as it was, so each test above sees the real template
        assertEquals(before, new ArrayList<>(template.resources().keySet()));
        assertEquals(List.of(), run("versionsFollowSettings", template));
    }
}
