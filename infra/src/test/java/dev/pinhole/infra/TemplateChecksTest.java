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
            "imageHeaders", TemplateChecks::imageHeaders);

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
        return t.properties(t.single("AWS::Lambda::Function"));
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
                new Mutation("route path misspelt", "routes",
                        t -> t.properties("UploadsRoute").put("RouteKey", "POST /api/upload")),
                new Mutation("route with the wrong method", "routes",
                        t -> t.properties("LimitsRoute").put("RouteKey", "POST /api/limits")),
                new Mutation("route missing", "routes", t -> t.resources().remove("LimitsRoute")),
                new Mutation("integration invokes $LATEST", "integration",
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
