package dev.pinhole.infra;

import static dev.pinhole.infra.Template.asList;
import static dev.pinhole.infra.Template.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The template fits the handler's code, and each check catches a template that does not. */
class TemplateChecksTest {
    private static Template template;
    private static HandlerProbe handler;

    private static final Map<String, Function<TemplateChecks, List<String>>> CHECKS = Map.of(
            "handlerClass", TemplateChecks::handlerClass,
            "environmentVariables", TemplateChecks::environmentVariables,
            "routes", TemplateChecks::routes,
            "integration", TemplateChecks::integration,
            "imageBucketCors", TemplateChecks::imageBucketCors,
            "imageHeaders", TemplateChecks::imageHeaders,
            "roles", TemplateChecks::roles,
            "notification", TemplateChecks::notification,
            "lifecycle", TemplateChecks::lifecycle,
            "negativeCaching", TemplateChecks::negativeCaching);

    @BeforeAll
    static void load() {
        template = Template.load(Repo.TEMPLATE);
        handler = new HandlerProbe();
    }

    private static List<String> run(String check, Template subject) {
        return CHECKS.get(check).apply(new TemplateChecks(subject, handler));
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
        Stream<String> covered = mutations().map(Mutation::caughtBy);
        assertEquals(CHECKS.keySet().stream().sorted().toList(), covered.distinct().sorted().toList());
    }

    @Test
    void imageBucketCors_derivesHeadersFromARealPresign() {
        // Guards the check itself: were the probe to return nothing, "CORS matches" would mean little.
        assertTrue(handler.uploadHeaders().containsAll(List.of("content-type", "if-none-match",
                "x-amz-checksum-sha256")), handler.uploadHeaders().toString());
    }

    private static Map<String, Object> function(Template t) {
        return t.properties("TicketFunction");
    }

    private static Map<String, Object> statement(Template t, String role, int policy, int index) {
        return asMap(asList(asMap(asMap(asList(t.properties(role).get("Policies")).get(policy))
                .get("PolicyDocument")).get("Statement")).get(index));
    }

    private static Map<String, Object> bucket(Template t) {
        return asMap(t.resources().get("ImageBucket"));
    }

    private static Map<String, Object> notification(Template t) {
        return asMap(asList(asMap(t.properties("ImageBucket").get("NotificationConfiguration"))
                .get("LambdaConfigurations")).get(0));
    }

    private static List<Object> errorResponses(Template t) {
        return asList(asMap(t.properties("Distribution").get("DistributionConfig")).get("CustomErrorResponses"));
    }

    private static Map<String, Object> variables(Template t) {
        return asMap(asMap(function(t).get("Environment")).get("Variables"));
    }

    private static Map<String, Object> putCorsRule(Template t) {
        return asMap(asList(asMap(t.properties("ImageBucket").get("CorsConfiguration")).get("CorsRules")).get(0));
    }

    static Stream<Mutation> mutations() {
        return Stream.of(
                new Mutation("handler class misspelt", "handlerClass",
                        t -> function(t).put("Handler", "dev.pinhole.tickets.TicketHandlr::handleRequest")),
                new Mutation("handler is a class that is no RequestHandler", "handlerClass",
                        t -> function(t).put("Handler", "dev.pinhole.tickets.TicketConfig::handleRequest")),
                new Mutation("handler method misnamed", "handlerClass",
                        t -> function(t).put("Handler", "dev.pinhole.tickets.TicketHandler::handle")),
                new Mutation("origin secret not set", "environmentVariables",
                        t -> variables(t).remove("PINHOLE_ORIGIN_SECRET")),
                new Mutation("local-only S3 endpoint set", "environmentVariables",
                        t -> variables(t).put("PINHOLE_S3_ENDPOINT", "http://127.0.0.1:9000")),
                new Mutation("variable the handler never reads", "environmentVariables",
                        t -> variables(t).put("PINHOLE_MAX_BYTES", "10")),
                new Mutation("publisher's handler misspelt", "handlerClass", t -> t.properties("PublisherFunction")
                        .put("Handler", "dev.pinhole.images.publish.PublishHandlr::handleRequest")),
                new Mutation("no function runs the image API", "handlerClass",
                        t -> t.properties("ImageApiFunction").put("Handler",
                                "dev.pinhole.tickets.TicketHandler::handleRequest")),
                new Mutation("publisher without its pixel limit", "environmentVariables",
                        t -> asMap(asMap(t.properties("PublisherFunction").get("Environment")).get("Variables"))
                                .remove("PINHOLE_MAX_PIXELS")),
                new Mutation("image API given the ticket's upload token", "environmentVariables",
                        t -> asMap(asMap(t.properties("ImageApiFunction").get("Environment")).get("Variables"))
                                .put("PINHOLE_UPLOAD_TOKEN", Map.of("Ref", "UploadToken"))),
                new Mutation("image status route missing", "routes", t -> t.resources().remove("ImageStatusRoute")),
                new Mutation("image status route to the ticket function", "integration",
                        t -> t.properties("ImageStatusRoute").put("Target",
                                Map.of("Fn::Sub", "integrations/${TicketIntegration}"))),
                new Mutation("ticket role may write published images", "roles",
                        t -> statement(t, "TicketRole", 0, 0).put("Resource", Map.of("Fn::Sub", "${ImageBucket.Arn}/i/*"))),
                new Mutation("ticket role may also read uploads", "roles",
                        t -> statement(t, "TicketRole", 0, 0).put("Action", List.of("s3:PutObject", "s3:GetObject"))),
                new Mutation("image API may write refusal records", "roles",
                        t -> statement(t, "ImageApiRole", 0, 0).put("Action", List.of("s3:GetObject", "s3:PutObject"))),
                new Mutation("publisher may not delete uploads", "roles",
                        t -> asMap(asList(asMap(t.properties("PublisherBucketAccess").get("PolicyDocument"))
                                .get("Statement")).get(0)).put("Action", List.of("s3:GetObject"))),
                new Mutation("notification for every key, not only uploads", "notification",
                        t -> notification(t).remove("Filter")),
                new Mutation("notification for another prefix", "notification", t -> asMap(asList(asMap(asMap(
                        notification(t).get("Filter")).get("S3Key")).get("Rules")).get(0)).put("Value", "i/")),
                new Mutation("bucket made before S3 may invoke the publisher", "notification",
                        t -> bucket(t).remove("DependsOn")),
                new Mutation("publisher without retries and failure destination", "notification",
                        t -> t.resources().remove("PublisherInvokeConfig")),
                new Mutation("failed publishes lost", "notification",
                        t -> t.properties("PublisherInvokeConfig").remove("DestinationConfig")),
                new Mutation("uploads never expire", "lifecycle", t -> asList(asMap(t.properties("ImageBucket")
                        .get("LifecycleConfiguration")).get("Rules")).remove(1)),
                new Mutation("published images expire", "lifecycle", t -> asMap(asList(asMap(t.properties("ImageBucket")
                        .get("LifecycleConfiguration")).get("Rules")).get(1)).put("Prefix", "i/")),
                new Mutation("missed links cached for an hour", "negativeCaching",
                        t -> asMap(errorResponses(t).get(1)).put("ErrorCachingMinTTL", 3600)),
                new Mutation("the origin access control's 403 cached by default", "negativeCaching",
                        t -> errorResponses(t).remove(0)),
                new Mutation("route path misspelt", "routes",
                        t -> t.properties("UploadsRoute").put("RouteKey", "POST /api/upload")),
                new Mutation("route with the wrong method", "routes",
                        t -> t.properties("LimitsRoute").put("RouteKey", "POST /api/limits")),
                new Mutation("route missing", "routes", t -> t.resources().remove("LimitsRoute")),
                new Mutation("ticket integration invokes $LATEST", "integration",
                        t -> t.properties("TicketIntegration").put("IntegrationUri",
                                Map.of("Fn::GetAtt", List.of("TicketFunction", "Arn")))),
                new Mutation("payload format 1.0", "integration",
                        t -> t.properties("TicketIntegration").put("PayloadFormatVersion", "1.0")),
                new Mutation("CORS lacks the checksum header", "imageBucketCors",
                        t -> putCorsRule(t).put("AllowedHeaders", List.of("content-type", "if-none-match"))),
                new Mutation("CORS allows any header", "imageBucketCors",
                        t -> putCorsRule(t).put("AllowedHeaders", List.of("*"))),
                new Mutation("CORS does not allow PUT", "imageBucketCors",
                        t -> putCorsRule(t).put("AllowedMethods", List.of("GET", "HEAD"))),
                new Mutation("image CSP without sandbox", "imageHeaders",
                        t -> asMap(imageSecurityHeaders(t).get("ContentSecurityPolicy"))
                                .put("ContentSecurityPolicy", "default-src 'none'")),
                new Mutation("image nosniff dropped", "imageHeaders",
                        t -> imageSecurityHeaders(t).remove("ContentTypeOptions")),
                new Mutation("stored Content-Disposition passed on", "imageHeaders",
                        t -> asMap(t.properties("ImageHeadersPolicy").get("ResponseHeadersPolicyConfig"))
                                .remove("RemoveHeadersConfig")));
    }

    private static Map<String, Object> imageSecurityHeaders(Template t) {
        return asMap(asMap(t.properties("ImageHeadersPolicy").get("ResponseHeadersPolicyConfig"))
                .get("SecurityHeadersConfig"));
    }
}
