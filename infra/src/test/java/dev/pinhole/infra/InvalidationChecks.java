package dev.pinhole.infra;

import dev.pinhole.images.cdn.InvalidationConfig;
import dev.pinhole.images.cdn.InvalidationHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The invalidator's wiring: one instance at a time (so bursts batch), no SnapStart, its logs kept for a while, the
 * distribution's ID in its settings, a schedule for leftovers that only it may use; and CloudFront's invalidation
 * right is the invalidator's alone, on exactly this stack's distribution.
 */
final class InvalidationChecks {
    static final String HANDLER = InvalidationHandler.class.getName();
    static final String DISTRIBUTION_ID = InvalidationConfig.DISTRIBUTION_ID;
    /** The one CloudFront action any role may have. */
    static final String CREATE_INVALIDATION = "cloudfront:CreateInvalidation";
    /** Leftover markers are picked up this often. */
    static final String SCHEDULE = "rate(10 minutes)";
    /** The only resource CREATE_INVALIDATION may name: this stack's distribution. */
    static final String DISTRIBUTION_ARN = "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${%s}";

    private final Template template;
    private final TemplateChecks functions;

    InvalidationChecks(Template template, TemplateChecks functions) {
        this.template = template;
        this.functions = functions;
    }

    /** The invalidator function: concurrency, SnapStart, logs, settings, schedule. */
    List<String> invalidator() {
        String function = functions.functionOf(HANDLER);
        if (function == null) {
            return List.of("no function runs " + HANDLER);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> properties = template.properties(function);
        if (!reservesOneByDefault(properties.get("ReservedConcurrentExecutions"))) {
            problems.add(function + " reserves " + properties.get("ReservedConcurrentExecutions") + " instances, not 1"
                    + " by default: parallel runs would each send an invalidation instead of one taking the whole burst");
        }
        if (properties.containsKey("SnapStart")) {
            problems.add(function + " has SnapStart, which needs a published version nothing here invokes");
        }
        Object logGroup = template.at("Resources", function, "Properties", "LoggingConfig", "LogGroup", "Ref");
        if (logGroup == null || template.at("Resources", logGroup, "Properties", "RetentionInDays") == null) {
            problems.add(function + " does not log to a log group of the stack with a retention: its logs would be"
                    + " kept for ever");
        }
        String distribution = template.single("AWS::CloudFront::Distribution");
        if (!Map.of("Ref", distribution).equals(template.at("Resources", function, "Properties", "Environment",
                "Variables", DISTRIBUTION_ID))) {
            problems.add(function + "'s " + DISTRIBUTION_ID + " is not this stack's distribution");
        }
        problems.addAll(schedule(function));
        return problems;
    }

    /**
     * 1, or (for accounts that cannot reserve any) {@code !If [Condition, 1, !Ref AWS::NoValue]} whose condition is
     * {@code !Equals [!Ref Parameter, "1"]} and true for the parameter's default.
     */
    private boolean reservesOneByDefault(Object reserved) {
        if ("1".equals(String.valueOf(reserved))) {
            return true;
        }
        Object branches = reserved instanceof Map<?, ?> map ? map.get("Fn::If") : null;
        if (!(branches instanceof List<?> ifForm) || ifForm.size() != 3 || !"1".equals(String.valueOf(ifForm.get(1)))
                || !Map.of("Ref", "AWS::NoValue").equals(ifForm.get(2))) {
            return false;
        }
        Object condition = template.at("Conditions", ifForm.get(0), "Fn::Equals");
        if (!(condition instanceof List<?> equals) || equals.size() != 2 || !(equals.get(0) instanceof Map<?, ?> ref)
                || !"1".equals(String.valueOf(equals.get(1)))) {
            return false;
        }
        return "1".equals(String.valueOf(template.at("Parameters", ref.get("Ref"), "Default")));
    }

    private List<String> schedule(String function) {
        Object arn = Map.of("Fn::GetAtt", List.of(function, "Arn"));
        List<String> rules = template.ofType("AWS::Events::Rule").stream()
                .filter(rule -> targets(rule).stream().anyMatch(target -> arn.equals(target.get("Arn")))).toList();
        if (rules.isEmpty()) {
            return List.of("no schedule invokes " + function + ": markers whose events failed would stay, and their"
                    + " links keep serving from CloudFront's cache");
        }
        List<String> problems = new ArrayList<>();
        for (String rule : rules) {
            Map<String, Object> properties = template.properties(rule);
            if (!"ENABLED".equals(properties.get("State")) || !SCHEDULE.equals(properties.get("ScheduleExpression"))) {
                problems.add(rule + " runs '" + properties.get("ScheduleExpression") + "' (" + properties.get("State")
                        + "), not an enabled " + SCHEDULE);
            }
            boolean fixedEvent = targets(rule).stream().filter(target -> arn.equals(target.get("Arn")))
                    .allMatch(target -> target.get("Input") instanceof String input && !input.isBlank());
            if (!fixedEvent) {
                problems.add(rule + " sends " + function + " EventBridge's own event, not a fixed S3 event");
            }
            boolean allowed = template.ofType("AWS::Lambda::Permission").stream().map(template::properties)
                    .anyMatch(permission -> arn.equals(permission.get("FunctionName"))
                            && "lambda:InvokeFunction".equals(permission.get("Action"))
                            && "events.amazonaws.com".equals(permission.get("Principal"))
                            && Map.of("Fn::GetAtt", List.of(rule, "Arn")).equals(permission.get("SourceArn")));
            if (!allowed) {
                problems.add("no permission lets " + rule + ", and only it, invoke " + function);
            }
        }
        return problems;
    }

    private List<Map<String, Object>> targets(String rule) {
        Object targets = template.properties(rule).get("Targets");
        return targets == null ? List.of() : Template.asList(targets).stream().map(Template::asMap).toList();
    }

    /**
     * Only the invalidator's role has a CloudFront right, and that is CreateInvalidation on this distribution's ARN:
     * not "*", not another distribution of the account (its other sites, other stacks).
     */
    List<String> cloudFrontRights() {
        List<String> problems = new ArrayList<>();
        String function = functions.functionOf(HANDLER);
        String invalidatorRole = function == null ? null : PublishChecks.roleOf(template, function);
        Object distributionArn = Map.of("Fn::Sub",
                String.format(DISTRIBUTION_ARN, template.single("AWS::CloudFront::Distribution")));
        boolean granted = false;
        for (String role : template.ofType("AWS::IAM::Role")) {
            for (Map<String, Object> statement : PublishChecks.statements(template, role)) {
                List<Object> actions = asList(statement.get("Action"));
                if (actions.stream().noneMatch(action -> String.valueOf(action).startsWith("cloudfront:"))) {
                    continue;
                }
                if (!role.equals(invalidatorRole)) {
                    problems.add(role + " may call CloudFront " + actions + "; only the invalidator's role may");
                    continue;
                }
                if (!actions.equals(List.of(CREATE_INVALIDATION))) {
                    problems.add(role + " may call CloudFront " + actions + ", not only " + CREATE_INVALIDATION);
                }
                if (!"Allow".equals(statement.get("Effect")) || !asList(statement.get("Resource")).equals(List.of(distributionArn))) {
                    problems.add(role + " may invalidate " + statement.get("Resource") + ", not exactly " + distributionArn);
                } else {
                    granted = true;
                }
            }
        }
        if (invalidatorRole != null && !granted) {
            problems.add(invalidatorRole + " may not invalidate this stack's distribution");
        }
        return problems;
    }

    private static List<Object> asList(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : value == null ? List.of() : List.of(value);
    }
}
