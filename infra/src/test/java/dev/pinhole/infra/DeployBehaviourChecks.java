package dev.pinhole.infra;

import dev.pinhole.tickets.TicketConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What only a real deploy would show, checked offline: each check returns the problems it found (empty when
 * the template is right), for the real template and for copies broken on purpose alike. The AWS behaviour each
 * one stands in for is listed, with its source, in docs/DEPLOY.md. Written for every function of the template,
 * not for the ticket function by name, so that functions added later are held to the same rules.
 */
final class DeployBehaviourChecks {
    static final String SETTINGS_DIGEST = "SettingsDigest";
    static final String NO_ECHO_DIGESTS = "NoEchoDigests";
    /** The template's list of the parameters that reach a function (Metadata), which deploy.sh digests. */
    static final String FUNCTION_SETTINGS = "Pinhole::FunctionSettings";
    /** AWS::Lambda::Version's Description holds at most 256 characters. */
    static final int VERSION_DESCRIPTION_LIMIT = 256;
    /** Lambda drops a Java function's SnapStart snapshot after 14 days without an invocation; warm twice as often. */
    static final long LONGEST_WARMING_INTERVAL_DAYS = 7;
    /** The AWS SDK's container-credentials provider renews credentials this long before they expire. */
    static final long CREDENTIAL_RENEWAL_MARGIN_SECONDS = 15 * 60;

    /**
     * Function properties that are no part of a published version: Lambda applies a function's reserved concurrency
     * "to the function as a whole, including all published versions and the unpublished version" (PutFunctionConcurrency,
     * Lambda API reference). Changing one needs no new version, so its parameter is no function setting to digest.
     */
    static final Set<String> FUNCTION_WIDE_PROPERTIES = Set.of("ReservedConcurrentExecutions");

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{[^}]*}");

    private final Template template;
    private final KeepWarmProbe keepWarm;

    DeployBehaviourChecks(Template template, HandlerProbe handler) {
        this.template = template;
        this.keepWarm = new KeepWarmProbe(template, handler);
    }

    /**
     * A version is replaced, and so a new one published, only when its CodeSha256 or Description changes. So
     * each version's Description carries SettingsDigest, the template lists exactly the parameters that reach
     * the functions (which deploy.sh digests), and replaced versions are retained: when the digest changed but
     * the function did not, Lambda hands back the live version rather than publishing a copy.
     */
    List<String> versionsFollowSettings() {
        List<String> problems = new ArrayList<>();
        Set<String> reaching = new TreeSet<>();
        for (String version : template.ofType("AWS::Lambda::Version")) {
            Map<String, Object> resource = Template.asMap(template.resources().get(version));
            Object function = Template.asMap(resource.get("Properties")).get("FunctionName");
            String functionId = function instanceof Map<?, ?> ref ? String.valueOf(ref.get("Ref")) : null;
            if (functionId == null || !template.ofType("AWS::Lambda::Function").contains(functionId)) {
                problems.add(version + " is not a version of a function of this template");
                continue;
            }
            reaching.addAll(ParameterUse.of(template, functionId, FUNCTION_WIDE_PROPERTIES));
            String description = subText(template.properties(version).get("Description"));
            if (description == null || !description.contains("${" + SETTINGS_DIGEST + "}")) {
                problems.add(version + "'s Description does not carry ${" + SETTINGS_DIGEST + "}: a changed setting"
                        + " of " + functionId + " would update $LATEST only, which the alias never runs");
            } else if (SUB_VARIABLE.matcher(description).replaceAll("x".repeat(64)).length()
                    > VERSION_DESCRIPTION_LIMIT) {
                problems.add(version + "'s Description can exceed " + VERSION_DESCRIPTION_LIMIT + " characters");
            }
            if (!"Retain".equals(resource.get("UpdateReplacePolicy")) || !"Retain".equals(resource.get("DeletionPolicy"))) {
                problems.add(version + " is not retained when replaced: a digest change that leaves the function"
                        + " as it was would delete the version the alias runs");
            }
        }
        Set<String> listed = listedSettings(problems);
        for (String name : difference(reaching, listed)) {
            problems.add(name + " reaches a function but is not in " + FUNCTION_SETTINGS
                    + ", so changing it would not publish a new version");
        }
        for (String name : difference(listed, reaching)) {
            problems.add(name + " is in " + FUNCTION_SETTINGS + " but reaches no function with a version");
        }
        return problems;
    }

    /** Every function with SnapStart has its alias invoked, harmlessly, at least once a week. */
    List<String> keepWarm() {
        return keepWarm.problems(RATE, LONGEST_WARMING_INTERVAL_DAYS);
    }

    /**
     * CloudFront names (origin access controls, functions, policies) are global to the account, so each must
     * include the stack name and the region, and fit CloudFront's 64 characters with the longest of both.
     */
    List<String> cloudFrontNames() {
        return new CloudFrontNames(template).problems();
    }

    /**
     * The upload URL lifetime parameter allows exactly TicketConfig's range, and that range ends within the time
     * the role credentials a URL is signed with are sure to last.
     */
    List<String> urlLifetime() {
        List<String> problems = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        for (String function : template.ofType("AWS::Lambda::Function")) {
            Object value = template.at("Resources", function, "Properties", "Environment", "Variables",
                    TicketConfig.URL_LIFETIME_SECONDS, "Ref");
            if (value != null) {
                parameters.add(String.valueOf(value));
            }
        }
        if (parameters.isEmpty()) {
            return List.of("no function takes " + TicketConfig.URL_LIFETIME_SECONDS + " from a parameter");
        }
        if (TicketConfig.MAX_URL_LIFETIME_SECONDS > CREDENTIAL_RENEWAL_MARGIN_SECONDS) {
            problems.add("TicketConfig allows " + TicketConfig.MAX_URL_LIFETIME_SECONDS + " s, more than role"
                    + " credentials are sure to last (" + CREDENTIAL_RENEWAL_MARGIN_SECONDS + " s)");
        }
        for (String parameter : parameters) {
            Map<String, Object> declared = Template.asMap(template.at("Parameters", parameter));
            expect(problems, parameter, "MaxValue", declared, TicketConfig.MAX_URL_LIFETIME_SECONDS);
            expect(problems, parameter, "MinValue", declared, 1);
            expect(problems, parameter, "Default", declared, TicketConfig.DEFAULT_URL_LIFETIME_SECONDS);
        }
        return problems;
    }

    private static void expect(List<String> problems, String parameter, String key, Map<String, Object> declared,
            long expected) {
        Object value = declared == null ? null : declared.get(key);
        if (!Objects.equals(String.valueOf(expected), String.valueOf(value))) {
            problems.add(parameter + " has " + key + " " + value + ", TicketConfig " + expected);
        }
    }

    private Set<String> listedSettings(List<String> problems) {
        Object listed = template.at("Metadata", FUNCTION_SETTINGS);
        if (!(listed instanceof List<?> names)) {
            problems.add("the template's Metadata has no list " + FUNCTION_SETTINGS + " for deploy.sh to digest");
            return Set.of();
        }
        Set<String> result = new TreeSet<>();
        names.forEach(name -> result.add(String.valueOf(name)));
        for (String own : List.of(SETTINGS_DIGEST, NO_ECHO_DIGESTS)) {
            if (result.contains(own)) {
                problems.add(FUNCTION_SETTINGS + " lists " + own + ", which is a digest of the settings themselves");
            }
        }
        return result;
    }

    /** The text of a {@code Fn::Sub} string form, or null. */
    static String subText(Object value) {
        return value instanceof Map<?, ?> map && map.get("Fn::Sub") instanceof String text ? text : null;
    }

    static long days(Matcher rate) {
        long amount = Long.parseLong(rate.group(1));
        return switch (rate.group(2)) {
            case "day", "days" -> amount;
            case "hour", "hours" -> (amount + 23) / 24;
            default -> (amount + 24 * 60 - 1) / (24 * 60);
        };
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
