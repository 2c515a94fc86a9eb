package dev.pinhole.infra;

import dev.pinhole.core.ImageKey;
import dev.pinhole.images.api.ImageApiHandler;
import dev.pinhole.images.publish.PublishHandler;
import dev.pinhole.tickets.TicketHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The publish step's wiring, checked against the code: the prefixes are core's ImageKey constants, each role
 * may touch exactly the prefixes its function uses, the bucket notifies the publisher of uploads and the
 * invalidator of pending-invalidation markers, each with retries and a failure destination, and a missed link is
 * cached briefly. (What expires is LifetimeChecks'.)
 */
final class PublishChecks {
    private static final String U = ImageKey.UPLOAD_PREFIX;
    private static final String I = ImageKey.PUBLIC_PREFIX;
    private static final String R = ImageKey.REFUSAL_PREFIX;
    private static final String P = ImageKey.PENDING_INVALIDATION_PREFIX;
    /**
     * What each function's role may do in the image bucket: "action prefix" pairs, nothing more, nothing less.
     * Keyed by handler class name. "s3:ListBucket p/" is a list of the bucket limited by the condition s3:prefix.
     */
    static final Map<String, Set<String>> S3_GRANTS = Map.of(
            TicketHandler.class.getName(), Set.of("s3:PutObject " + U),
            // Publishes (tagged when the image has a lifetime), and takes back one deleted while it published,
            // marking its link for invalidation.
            PublishHandler.class.getName(), Set.of("s3:GetObject " + U, "s3:DeleteObject " + U, "s3:GetObject " + I,
                    "s3:PutObject " + I, "s3:PutObjectTagging " + I, "s3:DeleteObject " + I, "s3:GetObject " + R,
                    "s3:PutObject " + R, "s3:PutObject " + P),
            // Status, and delete: the token hash is on u/ or i/, the tombstone goes to r/, the marker to p/.
            ImageApiHandler.class.getName(), Set.of("s3:GetObject " + U, "s3:GetObject " + I, "s3:GetObject " + R,
                    "s3:DeleteObject " + U, "s3:DeleteObject " + I, "s3:PutObject " + R, "s3:PutObject " + P),
            InvalidationChecks.HANDLER, Set.of("s3:ListBucket " + P, "s3:GetObject " + P, "s3:DeleteObject " + P));
    /** Which function the bucket notifies of objects created under each prefix (handler class names). */
    static final Map<String, String> NOTIFIED = Map.of(U, PublishHandler.class.getName(), P, InvalidationChecks.HANDLER);
    /** A missed link may be cached this long at most (the image may be published a moment later). */
    static final long MAX_NEGATIVE_CACHING_SECONDS = 10;

    private final Template template;
    private final TemplateChecks functions;

    PublishChecks(Template template, TemplateChecks functions) {
        this.template = template;
        this.functions = functions;
    }

    List<String> roles() {
        List<String> problems = new ArrayList<>();
        S3_GRANTS.forEach((handler, expected) -> {
            String function = functions.functionOf(handler);
            String role = function == null ? null : roleOf(template, function);
            if (role == null) {
                problems.add("no role for " + handler);
                return;
            }
            Set<String> granted = s3Grants(role, problems);
            if (!granted.equals(new TreeSet<>(expected))) {
                problems.add(role + " grants " + granted + " in the image bucket; " + handler + " needs exactly "
                        + new TreeSet<>(expected));
            }
        });
        return problems;
    }

    /** The logical ID of a function's role ({@code !GetAtt Role.Arn}), or null. */
    static String roleOf(Template template, String function) {
        Object role = template.at("Resources", function, "Properties", "Role", "Fn::GetAtt");
        return role instanceof List<?> getAtt && !getAtt.isEmpty() ? String.valueOf(getAtt.get(0)) : null;
    }

    /** Every statement a role holds: in its own Policies and in the AWS::IAM::RolePolicy resources naming it. */
    static List<Map<String, Object>> statements(Template template, String role) {
        List<Object> documents = new ArrayList<>();
        Object policies = template.at("Resources", role, "Properties", "Policies");
        for (Object policy : policies == null ? List.of() : Template.asList(policies)) {
            documents.add(Template.asMap(policy).get("PolicyDocument"));
        }
        for (String policy : template.ofType("AWS::IAM::RolePolicy")) {
            if (Map.of("Ref", role).equals(template.properties(policy).get("RoleName"))) {
                documents.add(template.properties(policy).get("PolicyDocument"));
            }
        }
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object document : documents) {
            for (Object item : asList(Template.asMap(document).get("Statement"))) {
                statements.add(Template.asMap(item));
            }
        }
        return statements;
    }

    private Set<String> s3Grants(String role, List<String> problems) {
        Set<String> grants = new TreeSet<>();
        for (Map<String, Object> statement : statements(template, role)) {
            for (Object action : asList(statement.get("Action"))) {
                if (!String.valueOf(action).startsWith("s3:")) {
                    continue;
                }
                for (Object resource : asList(statement.get("Resource"))) {
                    String prefix = "s3:ListBucket".equals(action) ? listedPrefix(resource, statement) : prefixOf(resource);
                    if (prefix == null) {
                        problems.add(role + " grants " + action + " on " + resource + ", not one prefix of the bucket");
                    } else {
                        grants.add(action + " " + prefix);
                    }
                }
            }
        }
        return grants;
    }

    /**
     * "p/" for s3:ListBucket on the image bucket limited by {@code StringEquals s3:prefix p/}; "*" for a list of
     * the whole bucket; null for another resource.
     */
    private static String listedPrefix(Object resource, Map<String, Object> statement) {
        boolean bucket = Map.of("Fn::GetAtt", List.of("ImageBucket", "Arn")).equals(resource)
                || "${ImageBucket.Arn}".equals(DeployBehaviourChecks.subText(resource));
        if (!bucket) {
            return null;
        }
        Object condition = statement.get("Condition");
        Object prefix = condition instanceof Map<?, ?> map && map.size() == 1
                && map.get("StringEquals") instanceof Map<?, ?> equals && equals.size() == 1
                ? equals.get("s3:prefix") : null;
        List<Object> prefixes = asList(prefix);
        return prefixes.size() == 1 && String.valueOf(prefixes.get(0)).matches("[a-z]/")
                ? String.valueOf(prefixes.get(0)) : "*";
    }

    /** "u/" for ${ImageBucket.Arn}/u/*; null for anything else. */
    private static String prefixOf(Object resource) {
        String text = DeployBehaviourChecks.subText(resource);
        if (text == null) {
            return null;
        }
        for (String bucket : List.of("${ImageBucket.Arn}/")) {
            if (text.startsWith(bucket) && text.endsWith("/*")) {
                String prefix = text.substring(bucket.length(), text.length() - 1);
                return prefix.matches("[a-z]/") ? prefix : null;
            }
        }
        return null;
    }

    /**
     * The bucket invokes the publisher for every object created under the upload prefix and the invalidator for
     * every one under the pending-invalidation prefix, and nothing else; it is created after S3 may invoke each
     * (S3 checks at creation), and each function has its retries and a failure destination.
     */
    List<String> notification() {
        List<String> problems = new ArrayList<>();
        Object configs = template.at("Resources", "ImageBucket", "Properties", "NotificationConfiguration",
                "LambdaConfigurations");
        List<Object> all = configs == null ? List.of() : Template.asList(configs);
        if (all.size() != NOTIFIED.size()) {
            problems.add("the image bucket has " + all.size() + " Lambda notifications, not one for each of "
                    + new TreeSet<>(NOTIFIED.keySet()));
        }
        Map<String, Object> byPrefix = new TreeMap<>();
        for (Object item : all) {
            Map<String, Object> config = Template.asMap(item);
            Object rules = config.get("Filter") instanceof Map<?, ?> filter && filter.get("S3Key") instanceof Map<?, ?> key
                    ? key.get("Rules") : null;
            List<Object> filterRules = asList(rules);
            String prefix = filterRules.size() == 1 && "prefix".equals(Template.asMap(filterRules.get(0)).get("Name"))
                    ? String.valueOf(Template.asMap(filterRules.get(0)).get("Value")) : null;
            if (prefix == null || !NOTIFIED.containsKey(prefix)) {
                problems.add("a notification's filter is " + filterRules + ", not one of the prefixes "
                        + new TreeSet<>(NOTIFIED.keySet()));
                continue;
            }
            byPrefix.put(prefix, config);
        }
        NOTIFIED.forEach((prefix, handler) -> {
            String function = functions.functionOf(handler);
            Map<String, Object> config = Template.asMap(byPrefix.get(prefix));
            if (config == null) {
                problems.add("no notification for objects under " + prefix + " (" + handler + ")");
                return;
            }
            if (!"s3:ObjectCreated:*".equals(config.get("Event"))) {
                problems.add("the notification for " + prefix + " is for " + config.get("Event")
                        + ", not every ObjectCreated");
            }
            if (function == null || !Objects.equals(Map.of("Fn::GetAtt", List.of(function, "Arn")), config.get("Function"))) {
                problems.add("the notification for " + prefix + " does not invoke the function of " + handler);
                return;
            }
            problems.addAll(invokedByS3(function));
            problems.addAll(retried(function));
        });
        return problems;
    }

    /** S3 may invoke the function, and the bucket waits for that permission. */
    private List<String> invokedByS3(String function) {
        Object dependsOn = template.at("Resources", "ImageBucket", "DependsOn");
        String permission = template.ofType("AWS::Lambda::Permission").stream()
                .filter(id -> "s3.amazonaws.com".equals(template.properties(id).get("Principal")))
                .filter(id -> Map.of("Fn::GetAtt", List.of(function, "Arn")).equals(template.properties(id).get("FunctionName"))
                        || Map.of("Ref", function).equals(template.properties(id).get("FunctionName")))
                .findFirst().orElse(null);
        if (permission == null || !(Objects.equals(dependsOn, permission)
                || dependsOn instanceof List<?> list && list.contains(permission))) {
            return List.of("the image bucket does not depend on S3's permission to invoke " + function
                    + ": S3 refuses a notification it cannot deliver");
        }
        return List.of();
    }

    /** Two retries, then a failure destination: an asynchronous event is not simply lost. */
    List<String> retried(String function) {
        List<String> problems = new ArrayList<>();
        String invokeConfig = template.ofType("AWS::Lambda::EventInvokeConfig").stream()
                .filter(id -> Map.of("Ref", function).equals(template.properties(id).get("FunctionName")))
                .findFirst().orElse(null);
        if (invokeConfig == null) {
            problems.add(function + " has no EventInvokeConfig: its retries and failure destination are unset");
        } else {
            Map<String, Object> properties = template.properties(invokeConfig);
            if (!"2".equals(String.valueOf(properties.get("MaximumRetryAttempts")))) {
                problems.add(invokeConfig + " retries " + properties.get("MaximumRetryAttempts") + " times, not 2");
            }
            if (template.at("Resources", invokeConfig, "Properties", "DestinationConfig", "OnFailure",
                    "Destination") == null) {
                problems.add(invokeConfig + " has no on-failure destination: failed events would be lost");
            }
        }
        return problems;
    }

    /** CloudFront caches a missed link (403 through the origin access control, or 404) only briefly. */
    List<String> negativeCaching() {
        Object responses = template.at("Resources", template.single("AWS::CloudFront::Distribution"), "Properties",
                "DistributionConfig", "CustomErrorResponses");
        List<String> problems = new ArrayList<>();
        for (int code : List.of(403, 404)) {
            Object ttl = responses == null ? null : Template.asList(responses).stream().map(Template::asMap)
                    .filter(response -> String.valueOf(code).equals(String.valueOf(response.get("ErrorCode"))))
                    .map(response -> response.get("ErrorCachingMinTTL")).findFirst().orElse(null);
            if (ttl == null || Long.parseLong(String.valueOf(ttl)) > MAX_NEGATIVE_CACHING_SECONDS) {
                problems.add("a " + code + " for a link may be cached " + (ttl == null ? "10 s (the default)"
                        : ttl + " s") + "; at most " + MAX_NEGATIVE_CACHING_SECONDS + " s, or a link opened early"
                        + " stays \"not found\"");
            }
        }
        return problems;
    }

    private static List<Object> asList(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : value == null ? List.of() : List.of(value);
    }
}
