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
import java.util.TreeSet;

/**
 * The publish step's wiring, checked against the code: the prefixes are core's ImageKey constants, each role
 * may touch exactly the prefixes its function uses, the bucket notifies the publisher of uploads only, with
 * retries and a failure destination, uploads and refusal records expire, and a missed link is cached briefly.
 */
final class PublishChecks {
    private static final String U = ImageKey.UPLOAD_PREFIX;
    private static final String I = ImageKey.PUBLIC_PREFIX;
    private static final String R = ImageKey.REFUSAL_PREFIX;
    /** What each function's role may do in the image bucket: "action prefix" pairs, nothing more, nothing less. */
    static final Map<Class<?>, Set<String>> S3_GRANTS = Map.of(
            TicketHandler.class, Set.of("s3:PutObject " + U),
            PublishHandler.class, Set.of("s3:GetObject " + U, "s3:DeleteObject " + U, "s3:GetObject " + I,
                    "s3:PutObject " + I, "s3:GetObject " + R, "s3:PutObject " + R),
            ImageApiHandler.class, Set.of("s3:GetObject " + U, "s3:GetObject " + I, "s3:GetObject " + R));
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
            Object role = function == null ? null : template.at("Resources", function, "Properties", "Role", "Fn::GetAtt");
            if (!(role instanceof List<?> getAtt) || getAtt.isEmpty()) {
                problems.add("no role for " + handler.getSimpleName());
                return;
            }
            Set<String> granted = s3Grants(String.valueOf(getAtt.get(0)), problems);
            if (!granted.equals(new TreeSet<>(expected))) {
                problems.add(getAtt.get(0) + " grants " + granted + " in the image bucket; "
                        + handler.getSimpleName() + " needs exactly " + new TreeSet<>(expected));
            }
        });
        return problems;
    }

    private Set<String> s3Grants(String role, List<String> problems) {
        Set<String> grants = new TreeSet<>();
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
        for (Object document : documents) {
            Object statements = Template.asMap(document).get("Statement");
            for (Object item : Template.asList(statements)) {
                Map<String, Object> statement = Template.asMap(item);
                List<Object> actions = asList(statement.get("Action"));
                for (Object action : actions) {
                    if (!String.valueOf(action).startsWith("s3:")) {
                        continue;
                    }
                    for (Object resource : asList(statement.get("Resource"))) {
                        String prefix = prefixOf(resource);
                        if (prefix == null) {
                            problems.add(role + " grants " + action + " on " + resource + ", not one prefix of the bucket");
                        } else {
                            grants.add(action + " " + prefix);
                        }
                    }
                }
            }
        }
        return grants;
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

    /** The bucket invokes the publisher for every object created under the upload prefix, and for nothing else. */
    List<String> notification() {
        List<String> problems = new ArrayList<>();
        String publisher = functions.functionOf(PublishHandler.class);
        Object configs = template.at("Resources", "ImageBucket", "Properties", "NotificationConfiguration",
                "LambdaConfigurations");
        List<Object> all = configs == null ? List.of() : Template.asList(configs);
        if (all.size() != 1) {
            return List.of("the image bucket needs exactly one Lambda notification, has " + all.size());
        }
        Map<String, Object> config = Template.asMap(all.get(0));
        if (!"s3:ObjectCreated:*".equals(config.get("Event"))) {
            problems.add("the notification is for " + config.get("Event") + ", not every ObjectCreated");
        }
        if (!Objects.equals(Map.of("Fn::GetAtt", List.of(publisher, "Arn")), config.get("Function"))) {
            problems.add("the notification does not invoke " + publisher);
        }
        Object rules = template.at("Resources", "ImageBucket", "Properties", "NotificationConfiguration",
                "LambdaConfigurations", 0, "Filter", "S3Key", "Rules");
        List<Object> filter = rules == null ? List.of() : Template.asList(rules);
        if (!filter.equals(List.of(Map.of("Name", "prefix", "Value", U)))) {
            problems.add("the notification's filter is " + filter + ", not the upload prefix " + U);
        }
        Object dependsOn = template.at("Resources", "ImageBucket", "DependsOn");
        String permission = template.ofType("AWS::Lambda::Permission").stream()
                .filter(id -> "s3.amazonaws.com".equals(template.properties(id).get("Principal"))).findFirst()
                .orElse(null);
        if (permission == null || !(Objects.equals(dependsOn, permission)
                || dependsOn instanceof List<?> list && list.contains(permission))) {
            problems.add("the image bucket does not depend on S3's permission to invoke the publisher:"
                    + " S3 refuses a notification it cannot deliver");
        }
        String invokeConfig = template.ofType("AWS::Lambda::EventInvokeConfig").stream()
                .filter(id -> Map.of("Ref", publisher).equals(template.properties(id).get("FunctionName")))
                .findFirst().orElse(null);
        if (invokeConfig == null) {
            problems.add("the publisher has no EventInvokeConfig: its retries and failure destination are unset");
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

    /** Uploads and refusal records expire after a day; published images never do. */
    List<String> lifecycle() {
        Object rules = template.at("Resources", "ImageBucket", "Properties", "LifecycleConfiguration", "Rules");
        Set<String> expiring = new TreeSet<>();
        for (Object rule : rules == null ? List.of() : Template.asList(rules)) {
            Map<String, Object> fields = Template.asMap(rule);
            if (fields.containsKey("ExpirationInDays") && "Enabled".equals(fields.get("Status"))) {
                expiring.add(fields.get("Prefix") + " " + fields.get("ExpirationInDays"));
            }
        }
        Set<String> expected = new TreeSet<>(Set.of(U + " 1", R + " 1"));
        return expiring.equals(expected) ? List.of()
                : List.of("the image bucket expires " + expiring + "; expected exactly " + expected);
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
