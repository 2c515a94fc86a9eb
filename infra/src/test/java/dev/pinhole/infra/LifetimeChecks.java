package dev.pinhole.infra;

import dev.pinhole.core.ImageKey;
import dev.pinhole.core.Lifetime;
import dev.pinhole.tickets.LifetimeChoices;
import dev.pinhole.tickets.TicketConfig;
import dev.pinhole.tickets.TicketHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * What removes images, checked against core's Lifetime: one lifecycle rule per supported lifetime (the tag the
 * publisher sets, on the public prefix, that many days), the backstops for uploads, refusal records and
 * pending-invalidation markers, nothing else that expires, no versioning that would keep deleted bytes; and the two
 * settings offer exactly the supported lifetimes and reach the ticket function.
 */
final class LifetimeChecks {
    /** A pending-invalidation marker nothing cleared (the schedule retries every ten minutes) goes after a week. */
    static final int PENDING_MARKER_DAYS = 7;
    static final String LIFETIMES_PARAMETER = "Lifetimes";
    static final String DEFAULT_LIFETIME_PARAMETER = "DefaultLifetime";
    static final String LIFETIMES_VARIABLE = TicketConfig.LIFETIMES;
    static final String DEFAULT_LIFETIME_VARIABLE = TicketConfig.DEFAULT_LIFETIME;
    /** Rule fields that say what and when; any other one (object size, a date) narrows or changes a rule. */
    private static final Set<String> RULE_FIELDS = Set.of("Id", "Status", "Prefix", "TagFilters", "ExpirationInDays",
            "AbortIncompleteMultipartUpload", "NoncurrentVersionExpiration");
    /** The longest a day count can be (Lifetime's own bound): every other count is tried against the pattern. */
    private static final int LONGEST_DAYS = 9999;

    private final Template template;
    private final TemplateChecks functions;

    LifetimeChecks(Template template, TemplateChecks functions) {
        this.template = template;
        this.functions = functions;
    }

    /** Exactly the expected expiry rules, enabled and unnarrowed; and deleted or expired bytes really go. */
    List<String> lifecycle() {
        List<String> problems = new ArrayList<>();
        Object rules = template.at("Resources", "ImageBucket", "Properties", "LifecycleConfiguration", "Rules");
        Set<String> expiring = new TreeSet<>();
        boolean noncurrentExpire = false;
        for (Object item : rules == null ? List.of() : Template.asList(rules)) {
            Map<String, Object> rule = Template.asMap(item);
            if (!"Enabled".equals(rule.get("Status"))) {
                continue;
            }
            new TreeSet<>(rule.keySet()).stream().filter(field -> !RULE_FIELDS.contains(field)).forEach(field ->
                    problems.add("lifecycle rule " + rule.get("Id") + " has " + field + ", which changes what or when"
                            + " it expires"));
            if (rule.containsKey("ExpirationInDays")) {
                expiring.add(describe(rule.get("Prefix"), tags(rule.get("TagFilters")), rule.get("ExpirationInDays")));
            }
            noncurrentExpire |= rule.get("NoncurrentVersionExpiration") != null;
        }
        Set<String> expected = expectedRules();
        difference(expected, expiring).forEach(rule -> problems.add("no enabled lifecycle rule expires " + rule));
        difference(expiring, expected).forEach(rule -> problems.add("a lifecycle rule expires " + rule
                + ", which no lifetime or backstop asks for"));
        Object versioning = template.at("Resources", "ImageBucket", "Properties", "VersioningConfiguration");
        if (versioning != null && !noncurrentExpire) {
            problems.add("the image bucket is versioned and keeps noncurrent versions: a deleted or expired image's"
                    + " bytes would stay behind its delete marker");
        }
        return problems;
    }

    /** "i/ pinhole-lifetime=7d 7" for each supported lifetime; the backstops without tags. */
    static Set<String> expectedRules() {
        Set<String> expected = new TreeSet<>(Set.of(describe(ImageKey.UPLOAD_PREFIX, "", 1),
                describe(ImageKey.REFUSAL_PREFIX, "", 1),
                describe(ImageKey.PENDING_INVALIDATION_PREFIX, "", PENDING_MARKER_DAYS)));
        for (Lifetime lifetime : Lifetime.SUPPORTED) {
            expected.add(describe(ImageKey.PUBLIC_PREFIX, Lifetime.TAG + "=" + lifetime.label(), lifetime.days()));
        }
        return expected;
    }

    private static String describe(Object prefix, String tags, Object days) {
        return "objects under " + (prefix == null ? "(every prefix)" : prefix) + (tags.isEmpty() ? "" : " tagged " + tags)
                + " after " + days + " days";
    }

    private static String tags(Object filters) {
        if (!(filters instanceof List<?> list)) {
            return "";
        }
        return list.stream().map(Template::asMap).map(tag -> tag.get("Key") + "=" + tag.get("Value")).sorted()
                .collect(Collectors.joining(","));
    }

    /**
     * Lifetimes accepts any list of the supported labels and forever and nothing else, DefaultLifetime exactly one
     * of them, Lifetimes' default is the ticket function's own, DefaultLifetime's is among it, and both reach the
     * ticket function.
     */
    List<String> lifetimeSettings() {
        List<String> problems = new ArrayList<>();
        List<String> labels = new ArrayList<>(List.of(Lifetime.FOREVER));
        Lifetime.SUPPORTED.forEach(lifetime -> labels.add(lifetime.label()));
        Map<String, Object> lifetimes = parameter(LIFETIMES_PARAMETER, problems);
        Map<String, Object> defaultLifetime = parameter(DEFAULT_LIFETIME_PARAMETER, problems);
        if (lifetimes != null) {
            problems.addAll(patternProblems(lifetimes, labels));
            if (!LifetimeChoices.DEFAULT_LIST.equals(String.valueOf(lifetimes.get("Default")))) {
                problems.add(LIFETIMES_PARAMETER + "'s default " + lifetimes.get("Default") + " is not the ticket"
                        + " function's own (" + LifetimeChoices.DEFAULT_LIST + "), so the README and the stack disagree");
            }
        }
        if (defaultLifetime != null) {
            Object allowed = defaultLifetime.get("AllowedValues");
            Set<String> values = allowed instanceof List<?> list
                    ? list.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)) : Set.of();
            if (!values.equals(new TreeSet<>(labels))) {
                problems.add(DEFAULT_LIFETIME_PARAMETER + " allows " + values + "; the supported lifetimes are "
                        + new TreeSet<>(labels));
            }
            String fallback = String.valueOf(defaultLifetime.get("Default"));
            Object listed = lifetimes == null ? null : lifetimes.get("Default");
            if (listed == null || !List.of(String.valueOf(listed).split(",")).contains(fallback)) {
                problems.add(DEFAULT_LIFETIME_PARAMETER + "'s default " + fallback + " is not among " + LIFETIMES_PARAMETER
                        + "'s default " + listed + ": a stack with both defaults would not start");
            }
        }
        String tickets = functions.functionOf(TicketHandler.class);
        for (Map.Entry<String, String> setting : Map.of(LIFETIMES_VARIABLE, LIFETIMES_PARAMETER,
                DEFAULT_LIFETIME_VARIABLE, DEFAULT_LIFETIME_PARAMETER).entrySet()) {
            Object value = tickets == null ? null
                    : template.at("Resources", tickets, "Properties", "Environment", "Variables", setting.getKey());
            if (!Objects.equals(Map.of("Ref", setting.getValue()), value)) {
                problems.add("the ticket function's " + setting.getKey() + " is " + value + ", not the parameter "
                        + setting.getValue());
            }
        }
        return problems;
    }

    private Map<String, Object> parameter(String name, List<String> problems) {
        Object declared = template.at("Parameters", name);
        if (declared == null) {
            problems.add("the template has no parameter " + name);
            return null;
        }
        return Template.asMap(declared);
    }

    /** The pattern takes each label, all of them, the default; no other day count, no malformed list. */
    private static List<String> patternProblems(Map<String, Object> lifetimes, List<String> labels) {
        if (lifetimes.get("AllowedPattern") == null) {
            return List.of(LIFETIMES_PARAMETER + " has no AllowedPattern: any text would reach the ticket function");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(String.valueOf(lifetimes.get("AllowedPattern")));
        } catch (PatternSyntaxException e) {
            return List.of(LIFETIMES_PARAMETER + "'s AllowedPattern is no pattern: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        List<String> accepted = new ArrayList<>(labels);
        accepted.add(String.join(",", labels));
        accepted.add(String.valueOf(lifetimes.get("Default")));
        accepted.stream().filter(value -> !pattern.matcher(value).matches()).forEach(value ->
                problems.add(LIFETIMES_PARAMETER + "'s AllowedPattern refuses '" + value + "'"));
        List<String> refused = new ArrayList<>(List.of("", "forever,", ",1d", "1d,,7d", "1d, 7d", "Forever", "7D"));
        Set<Integer> supported = Lifetime.SUPPORTED.stream().map(Lifetime::days).collect(Collectors.toSet());
        for (int days = 0; days <= LONGEST_DAYS; days++) {
            if (!supported.contains(days)) {
                refused.add(days + "d");
            }
        }
        refused.stream().filter(value -> pattern.matcher(value).matches()).forEach(value ->
                problems.add(LIFETIMES_PARAMETER + "'s AllowedPattern accepts '" + value + "', which no lifecycle rule"
                        + " or ticket supports"));
        return problems;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
