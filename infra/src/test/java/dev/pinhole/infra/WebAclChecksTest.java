package dev.pinhole.infra;

import static dev.pinhole.infra.Template.asList;
import static dev.pinhole.infra.Template.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The web ACL limits exactly the ticket and delete routes per IP, and the stack attaches it only when asked. */
class WebAclChecksTest {
    private static Template stack;
    private static Template webAcl;
    private static HandlerProbe handler;

    @BeforeAll
    static void load() {
        stack = Template.load(Repo.TEMPLATE);
        webAcl = Template.load(Repo.WEB_ACL_TEMPLATE);
        handler = new HandlerProbe();
    }

    @Test
    void webAcl_limitsTheTwoRoutes() {
        assertEquals(List.of(), new WebAclChecks(stack, webAcl, handler).rateRule());
    }

    @Test
    void stack_attachesTheWebAclOnlyWhenGiven() {
        assertEquals(List.of(), new WebAclChecks(stack, webAcl, handler).attachment());
    }

    @Test
    void expectedRoutes_comeFromTheHandlers() {
        // Guards the check itself: an empty expectation would accept a rule scoped to nothing.
        assertEquals(Set.of("POST EXACTLY /api/uploads", "DELETE STARTS_WITH /api/images/"),
                new WebAclChecks(stack, webAcl, handler).expectedRoutes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("webAclMutations")
    void brokenWebAcl_isCaught(Mutation mutation) {
        assertFalse(new WebAclChecks(stack, mutation.applyTo(webAcl), handler).rateRule().isEmpty(),
                mutation + " went unnoticed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stackMutations")
    void brokenAttachment_isCaught(Mutation mutation) {
        assertFalse(new WebAclChecks(mutation.applyTo(stack), webAcl, handler).attachment().isEmpty(),
                mutation + " went unnoticed");
    }

    private static Map<String, Object> rule(Template t) {
        return asMap(asList(t.properties("WebAcl").get("Rules")).get(0));
    }

    private static Map<String, Object> rate(Template t) {
        return asMap(asMap(rule(t).get("Statement")).get("RateBasedStatement"));
    }

    private static List<Object> alternatives(Template t) {
        return asList(asMap(asMap(rate(t).get("ScopeDownStatement")).get("OrStatement")).get("Statements"));
    }

    /** The ByteMatchStatement of part {@code part} (0 method, 1 path) of alternative {@code index}. */
    private static Map<String, Object> match(Template t, int index, int part) {
        return asMap(asMap(asList(asMap(asMap(alternatives(t).get(index)).get("AndStatement")).get("Statements"))
                .get(part)).get("ByteMatchStatement"));
    }

    static Stream<Mutation> webAclMutations() {
        return Stream.of(
                new Mutation("no scope-down: every request counts, images too", "rateRule",
                        t -> rate(t).remove("ScopeDownStatement")),
                new Mutation("delete route left out", "rateRule", t -> alternatives(t).remove(1)),
                new Mutation("ticket path misspelt", "rateRule", t -> match(t, 0, 1).put("SearchString", "/api/upload")),
                new Mutation("any method on the ticket path", "rateRule", t -> asList(asMap(asMap(alternatives(t).get(0))
                        .get("AndStatement")).get("Statements")).remove(0)),
                new Mutation("status polling limited instead of deletes", "rateRule",
                        t -> match(t, 1, 0).put("SearchString", "GET")),
                new Mutation("every API path under the delete limit", "rateRule",
                        t -> match(t, 1, 1).put("SearchString", "/api/")),
                new Mutation("percent-encoded paths slip past", "rateRule",
                        t -> match(t, 0, 1).put("TextTransformations", List.of(Map.of("Priority", 0, "Type", "NONE")))),
                new Mutation("the rule only counts", "rateRule", t -> rule(t).put("Action", Map.of("Count", Map.of()))),
                new Mutation("counted by a header the client writes", "rateRule",
                        t -> rate(t).put("AggregateKeyType", "FORWARDED_IP")),
                new Mutation("a regional web ACL, which CloudFront cannot take", "rateRule",
                        t -> t.properties("WebAcl").put("Scope", "REGIONAL")),
                new Mutation("blocks by default", "rateRule",
                        t -> t.properties("WebAcl").put("DefaultAction", Map.of("Block", Map.of()))),
                new Mutation("limit fixed in the template", "rateRule", t -> rate(t).put("Limit", 100)),
                new Mutation("no ARN for deploy.sh", "rateRule", t -> asMap(t.at("Outputs")).remove("WebAclArn")));
    }

    private static Map<String, Object> distribution(Template t) {
        return asMap(t.properties("Distribution").get("DistributionConfig"));
    }

    private static Map<String, Object> parameter(Template t, String name) {
        return asMap(t.at("Parameters", name));
    }

    static Stream<Mutation> stackMutations() {
        return Stream.of(
                new Mutation("web ACL never attached", "attachment", t -> distribution(t).remove("WebACLId")),
                new Mutation("web ACL attached even when empty", "attachment",
                        t -> distribution(t).put("WebACLId", Map.of("Ref", "WebAclArn"))),
                new Mutation("WebAclArn takes a regional web ACL", "attachment",
                        t -> parameter(t, "WebAclArn").put("AllowedPattern", "^$|^arn:aws:wafv2:.*$")),
                new Mutation("rate limit on by default", "attachment",
                        t -> parameter(t, "UploadRateLimit").put("Default", "100")),
                new Mutation("rate limit below AWS WAF's least", "attachment",
                        t -> parameter(t, "UploadRateLimit").put("AllowedPattern", "^(off|[1-9][0-9]{0,8})$")),
                new Mutation("a limit without a web ACL is accepted", "attachment",
                        t -> asMap(t.at("Rules")).remove("UploadRateLimitNeedsWebAcl")));
    }
}
