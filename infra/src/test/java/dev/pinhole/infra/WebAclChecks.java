package dev.pinhole.infra;

import dev.pinhole.core.ImageRoutes;
import dev.pinhole.images.api.ImageApiHandler;
import dev.pinhole.tickets.TicketHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The per-IP rate limit: scripts/web-acl.yaml's web ACL (for CloudFront, so in us-east-1) blocks an IP that sends too
 * many requests to exactly the ticket route and the delete route, reading paths as API Gateway will route them; and
 * template.yaml attaches it to the distribution when, and only when, it is given, off by default (it costs money).
 */
final class WebAclChecks {
    /** AWS WAF's smallest limit for a rate-based rule, per evaluation window. */
    static final long LEAST_LIMIT = 10;
    private static final Object NO_VALUE = Map.of("Ref", "AWS::NoValue");

    private final Template stack;
    private final Template webAcl;
    private final HandlerProbe handler;

    WebAclChecks(Template stack, Template webAcl, HandlerProbe handler) {
        this.stack = stack;
        this.webAcl = webAcl;
        this.handler = handler;
    }

    /** "METHOD CONSTRAINT PATH" of the routes a rate limit must cover, from the handlers' own constants. */
    Set<String> expectedRoutes() {
        Set<String> routes = new TreeSet<>();
        if (handler.serves("POST", TicketHandler.UPLOADS)) {
            routes.add("POST EXACTLY " + TicketHandler.UPLOADS);
        }
        if (Arrays.stream(ImageApiHandler.ALLOWED_METHODS.split(",")).map(String::trim).anyMatch("DELETE"::equals)) {
            routes.add("DELETE STARTS_WITH " + ImageRoutes.PREFIX);
        }
        return routes;
    }

    /** The web ACL: for CloudFront, allowing by default, one blocking per-IP rate rule on exactly the two routes. */
    List<String> rateRule() {
        List<String> problems = new ArrayList<>();
        List<String> acls = webAcl.ofType("AWS::WAFv2::WebACL");
        if (acls.size() != 1) {
            return List.of("expected one web ACL in web-acl.yaml, found " + acls);
        }
        String acl = acls.get(0);
        Map<String, Object> properties = webAcl.properties(acl);
        if (!"CLOUDFRONT".equals(properties.get("Scope"))) {
            problems.add(acl + " has scope " + properties.get("Scope") + "; a distribution takes only CLOUDFRONT");
        }
        if (!(properties.get("DefaultAction") instanceof Map<?, ?> action && action.containsKey("Allow"))) {
            problems.add(acl + " does not allow what no rule blocks: the page and the images would be blocked");
        }
        List<Map<String, Object>> rates = rules(properties).stream()
                .filter(rule -> Template.asMap(rule.get("Statement")).containsKey("RateBasedStatement")).toList();
        if (rates.size() != 1) {
            return concat(problems, acl + " needs one rate-based rule, has " + rates.size());
        }
        Map<String, Object> rule = rates.get(0);
        if (!(rule.get("Action") instanceof Map<?, ?> action && action.containsKey("Block"))) {
            problems.add(rule.get("Name") + " does not block (" + rule.get("Action") + "): it would only count");
        }
        Map<String, Object> rate = Template.asMap(Template.asMap(rule.get("Statement")).get("RateBasedStatement"));
        if (!"IP".equals(rate.get("AggregateKeyType"))) {
            problems.add(rule.get("Name") + " counts by " + rate.get("AggregateKeyType") + ", not by the client's IP"
                    + " (a forwarded-IP header is whatever the client writes)");
        }
        if (!(rate.get("Limit") instanceof Map<?, ?> limit && limit.get("Ref") instanceof String parameter
                && String.valueOf(LEAST_LIMIT).equals(String.valueOf(webAcl.at("Parameters", parameter, "MinValue"))))) {
            problems.add(rule.get("Name") + "'s limit is not a parameter with AWS WAF's least limit " + LEAST_LIMIT);
        }
        Set<String> routes = new TreeSet<>();
        scopedRoutes(rate.get("ScopeDownStatement"), problems, routes);
        if (!routes.equals(expectedRoutes())) {
            problems.add(rule.get("Name") + " is scoped to " + routes + ", not exactly " + expectedRoutes());
        }
        if (!Map.of("Fn::GetAtt", List.of(acl, "Arn")).equals(webAcl.at("Outputs", "WebAclArn", "Value"))) {
            problems.add("web-acl.yaml has no output WebAclArn, which deploy.sh passes to the main stack");
        }
        return problems;
    }

    /** The scope-down as "METHOD CONSTRAINT PATH" pairs: an Or of Ands of one method match and one path match. */
    private static void scopedRoutes(Object statement, List<String> problems, Set<String> routes) {
        Object or = statement instanceof Map<?, ?> map ? map.get("OrStatement") : null;
        if (!(or instanceof Map<?, ?> orMap) || !(orMap.get("Statements") instanceof List<?> alternatives)) {
            problems.add("the rate rule has no scope-down of the form OrStatement of AndStatements: " + statement);
            return;
        }
        for (Object alternative : alternatives) {
            Object and = Template.asMap(alternative).get("AndStatement");
            List<?> parts = and instanceof Map<?, ?> andMap && andMap.get("Statements") instanceof List<?> list
                    ? list : List.of();
            String method = null;
            String path = null;
            for (Object part : parts) {
                Map<String, Object> match = Template.asMap(Template.asMap(part).get("ByteMatchStatement"));
                Map<String, Object> field = match == null ? Map.of() : Template.asMap(match.get("FieldToMatch"));
                if (field.containsKey("Method") && "EXACTLY".equals(match.get("PositionalConstraint"))) {
                    method = String.valueOf(match.get("SearchString"));
                } else if (field.containsKey("UriPath")) {
                    path = match.get("PositionalConstraint") + " " + match.get("SearchString");
                    if (!decodesFirst(match.get("TextTransformations"))) {
                        problems.add("the path match " + path + " does not URL-decode first: /api/%75ploads would pass");
                    }
                }
            }
            if (parts.size() != 2 || method == null || path == null) {
                problems.add("a scope-down alternative is not one method and one path: " + alternative);
            } else {
                routes.add(method + " " + path);
            }
        }
    }

    private static boolean decodesFirst(Object transformations) {
        return transformations instanceof List<?> list && list.stream().map(Template::asMap)
                .anyMatch(t -> "URL_DECODE".equals(t.get("Type")) && "0".equals(String.valueOf(t.get("Priority"))));
    }

    /**
     * template.yaml: the distribution takes WebAclArn when it is set, and only a CloudFront web ACL's ARN (us-east-1);
     * UploadRateLimit is off by default and cannot ask for less than AWS WAF's least limit; a limit needs a web ACL.
     */
    List<String> attachment() {
        List<String> problems = new ArrayList<>();
        Object attached = stack.at("Resources", stack.single("AWS::CloudFront::Distribution"), "Properties",
                "DistributionConfig", "WebACLId");
        List<?> branches = attached instanceof Map<?, ?> map && map.get("Fn::If") instanceof List<?> list ? list : List.of();
        if (branches.size() != 3 || !Map.of("Ref", "WebAclArn").equals(branches.get(1)) || !NO_VALUE.equals(branches.get(2))
                || !Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "WebAclArn"), ""))))
                        .equals(stack.at("Conditions", branches.get(0)))) {
            problems.add("the distribution does not take WebAclArn when it is set: " + attached);
        }
        Pattern arn = pattern(stack.at("Parameters", "WebAclArn", "AllowedPattern"));
        if (arn == null || !arn.matcher("").matches() || arn.matcher("arn:aws:wafv2:eu-west-1:123456789012:regional/"
                + "webacl/x/0123abcd").matches() || !arn.matcher("arn:aws:wafv2:us-east-1:123456789012:global/webacl/"
                + "pinhole-eu-west-1-waf/0123abcd-4567").matches()) {
            problems.add("WebAclArn accepts other than empty or a CloudFront (global, us-east-1) web ACL's ARN");
        }
        if (!"off".equals(stack.at("Parameters", "UploadRateLimit", "Default"))) {
            problems.add("UploadRateLimit is on by default; a web ACL costs money every month (docs/DEPLOY.md)");
        }
        Pattern limit = pattern(stack.at("Parameters", "UploadRateLimit", "AllowedPattern"));
        if (limit == null || !limit.matcher("off").matches() || !limit.matcher(String.valueOf(LEAST_LIMIT)).matches()
                || limit.matcher(String.valueOf(LEAST_LIMIT - 1)).matches() || limit.matcher("0").matches()) {
            problems.add("UploadRateLimit must take off or a limit from " + LEAST_LIMIT + " up, and nothing else");
        }
        Object rule = stack.at("Rules", "UploadRateLimitNeedsWebAcl");
        if (!(rule instanceof Map<?, ?> map) || !Map.of("Fn::Not", List.of(Map.of("Fn::Equals",
                List.of(Map.of("Ref", "UploadRateLimit"), "off")))).equals(map.get("RuleCondition"))) {
            problems.add("no rule refuses an UploadRateLimit without a WebAclArn (a limit that limits nothing)");
        }
        return problems;
    }

    private static Pattern pattern(Object text) {
        return text instanceof String regex ? Pattern.compile(regex) : null;
    }

    private static List<Map<String, Object>> rules(Map<String, Object> properties) {
        Object rules = properties.get("Rules");
        return rules instanceof List<?> list ? list.stream().map(Template::asMap).toList() : List.of();
    }

    private static List<String> concat(List<String> problems, String problem) {
        problems.add(problem);
        return problems;
    }
}
