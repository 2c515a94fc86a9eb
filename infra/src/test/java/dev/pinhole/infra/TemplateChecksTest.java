package dev.pinhole.infra;

import static dev.pinhole.infra.Template.asList;
import static dev.pinhole.infra.Template.asMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.core.ImageMetadata;
import dev.pinhole.core.Lifetime;
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

    private static final Map<String, Function<TemplateChecks, List<String>>> CHECKS = Map.ofEntries(
            Map.entry("handlerClass", TemplateChecks::handlerClass),
            Map.entry("environmentVariables", TemplateChecks::environmentVariables),
            Map.entry("routes", TemplateChecks::routes),
            Map.entry("integration", TemplateChecks::integration),
            Map.entry("imageBucketCors", TemplateChecks::imageBucketCors),
            Map.entry("imageHeaders", TemplateChecks::imageHeaders),
            Map.entry("roles", TemplateChecks::roles),
            Map.entry("notification", TemplateChecks::notification),
            Map.entry("lifecycle", TemplateChecks::lifecycle),
            Map.entry("negativeCaching", TemplateChecks::negativeCaching),
            Map.entry("lifetimeSettings", TemplateChecks::lifetimeSettings),
            Map.entry("invalidator", TemplateChecks::invalidator),
            Map.entry("cloudFrontRights", TemplateChecks::cloudFrontRights),
            Map.entry("apiBehaviour", TemplateChecks::apiBehaviour),
            Map.entry("routeThrottling", TemplateChecks::routeThrottling),
            Map.entry("reservedConcurrency", TemplateChecks::reservedConcurrency),
            Map.entry("dependencyCycles", TemplateChecks::dependencyCycles));

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

    @Test
    void imageBucketCors_probeAsksForALifetime_soEverySignedMetadataHeaderIsCompared() {
        // Guards the check itself: a ticket without a lifetime signs only the delete hash.
        assertTrue(handler.uploadHeaders().containsAll(List.of(ImageMetadata.header(ImageMetadata.DELETE_HASH),
                ImageMetadata.header(ImageMetadata.LIFETIME), ImageMetadata.header(ImageMetadata.REMOVE_AFTER))),
                handler.uploadHeaders().toString());
    }

    @Test
    void lifecycle_expectsOneRulePerSupportedLifetime() {
        // Guards the check itself: its expectations come from Lifetime.SUPPORTED, not from the template.
        long lifetimeRules = LifetimeChecks.expectedRules().stream().filter(rule -> rule.contains(Lifetime.TAG)).count();
        assertEquals(Lifetime.SUPPORTED.size(), lifetimeRules, LifetimeChecks.expectedRules().toString());
    }

    @Test
    void dependencyGraph_followsRefsGetAttsSubsAndDependsOn() {
        // Guards the cycle check: a graph missing the references it walks would find no cycle in anything.
        DependencyCycles graph = new DependencyCycles(template);
        assertTrue(graph.dependenciesOf("ImageBucket").containsAll(List.of("PublisherInvokePermission",
                "InvalidatorInvokePermission", "PublisherFunction", "InvalidatorFunction", "Distribution")),
                graph.dependenciesOf("ImageBucket").toString());
        assertTrue(graph.dependenciesOf("InvalidatorRole").contains("Distribution"),
                graph.dependenciesOf("InvalidatorRole").toString());
        assertTrue(graph.dependenciesOf("ImageApiInvokePermission").containsAll(List.of("ImageApiFunction", "HttpApi")),
                graph.dependenciesOf("ImageApiInvokePermission").toString());
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

    private static List<Object> lifecycleRules(Template t) {
        return asList(asMap(t.properties("ImageBucket").get("LifecycleConfiguration")).get("Rules"));
    }

    private static Map<String, Object> lifecycleRule(Template t, String id) {
        return lifecycleRules(t).stream().map(Template::asMap).filter(rule -> id.equals(rule.get("Id"))).findFirst()
                .orElseThrow();
    }

    private static Map<String, Object> parameter(Template t, String name) {
        return asMap(t.at("Parameters", name));
    }

    private static Map<String, Object> invalidator(Template t) {
        return t.properties("InvalidatorFunction");
    }

    private static Map<String, Object> invalidationStatement(Template t) {
        return statement(t, "InvalidatorRole", 0, 0);
    }

    private static Map<String, Object> bucketAccess(Template t, String policy, int index) {
        return asMap(asList(asMap(t.properties(policy).get("PolicyDocument")).get("Statement")).get(index));
    }

    private static Map<String, Object> apiBehaviour(Template t) {
        return asList(asMap(t.properties("Distribution").get("DistributionConfig")).get("CacheBehaviors")).stream()
                .map(Template::asMap).filter(b -> "/api/*".equals(b.get("PathPattern"))).findFirst().orElseThrow();
    }

    private static List<Object> removedHeaders(Template t) {
        return asList(asMap(asMap(t.properties("ImageHeadersPolicy").get("ResponseHeadersPolicyConfig"))
                .get("RemoveHeadersConfig")).get("Items"));
    }

    private static Map<String, Object> putCorsRule(Template t) {
        return asMap(asList(asMap(t.properties("ImageBucket").get("CorsConfiguration")).get("CorsRules")).get(0));
    }

    static Stream<Mutation> mutations() {
        return Stream.of(publishMutations(), deleteAndLifetimeMutations(), ceilingMutations()).flatMap(s -> s);
    }

    /** Reserved concurrency as each function's ceiling on cost (issue 14). */
    static Stream<Mutation> ceilingMutations() {
        return Stream.of(
                new Mutation("publisher without a ceiling", "reservedConcurrency",
                        t -> t.properties("PublisherFunction").remove("ReservedConcurrentExecutions")),
                new Mutation("ticket function's ceiling fixed, no account at quota 10 could deploy", "reservedConcurrency",
                        t -> function(t).put("ReservedConcurrentExecutions", 10)),
                new Mutation("two functions share one ceiling", "reservedConcurrency",
                        t -> t.properties("ImageApiFunction").put("ReservedConcurrentExecutions",
                                Template.copyOf(function(t).get("ReservedConcurrentExecutions")))),
                new Mutation("a ceiling deploy.sh does not know", "reservedConcurrency",
                        t -> asList(asMap(t.at("Metadata")).get(ConcurrencyChecks.CONCURRENCY_SETTINGS))
                                .remove("PublisherConcurrency")),
                new Mutation("no ceiling by default", "reservedConcurrency",
                        t -> parameter(t, "TicketConcurrency").put("Default", 0)),
                new Mutation("a ceiling that cannot be turned off", "reservedConcurrency",
                        t -> parameter(t, "ImageApiConcurrency").put("MinValue", 1)),
                new Mutation("reservation only when the ceiling is 0", "reservedConcurrency",
                        t -> asMap(t.at("Conditions")).put("ReservesTicketConcurrency",
                                Map.of("Fn::Equals", List.of(Map.of("Ref", "TicketConcurrency"), "0")))),
                new Mutation("default ceilings beyond a standard account's share", "reservedConcurrency",
                        t -> parameter(t, "PublisherConcurrency").put("Default", 950)));
    }

    static Stream<Mutation> publishMutations() {
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
                new Mutation("image API may write published images", "roles",
                        t -> statement(t, "ImageApiRole", 0, 2).put("Resource", Map.of("Fn::Sub", "${ImageBucket.Arn}/i/*"))),
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

    /** The defects the checks added for delete links and lifetimes exist for (issue 13). */
    static Stream<Mutation> deleteAndLifetimeMutations() {
        Stream<Mutation> each = Stream.of(
                new Mutation("a supported lifetime without its rule", "lifecycle",
                        t -> lifecycleRules(t).remove(lifecycleRule(t, "ExpireLifetime90d"))),
                new Mutation("a lifetime's rule expires a day late", "lifecycle",
                        t -> lifecycleRule(t, "ExpireLifetime7d").put("ExpirationInDays", 8)),
                new Mutation("a lifetime's rule without its tag expires every published image", "lifecycle",
                        t -> lifecycleRule(t, "ExpireLifetime1d").remove("TagFilters")),
                new Mutation("a lifetime's rule disabled", "lifecycle",
                        t -> lifecycleRule(t, "ExpireLifetime30d").put("Status", "Disabled")),
                new Mutation("a lifetime's rule only for large images", "lifecycle",
                        t -> lifecycleRule(t, "ExpireLifetime365d").put("ObjectSizeGreaterThan", 1048576)),
                new Mutation("pending-invalidation markers kept for ever", "lifecycle",
                        t -> lifecycleRules(t).remove(lifecycleRule(t, "ExpirePendingInvalidations"))),
                new Mutation("bucket versioned: deleted images stay as noncurrent versions", "lifecycle",
                        t -> t.properties("ImageBucket").put("VersioningConfiguration", Map.of("Status", "Enabled"))),
                new Mutation("Lifetimes accepts any number of days", "lifetimeSettings",
                        t -> parameter(t, "Lifetimes").put("AllowedPattern", "^(forever|[0-9]+d)(,(forever|[0-9]+d))*$")),
                new Mutation("Lifetimes refuses a supported lifetime", "lifetimeSettings",
                        t -> parameter(t, "Lifetimes").put("AllowedPattern", "^(forever|1d|7d|30d)(,(forever|1d|7d|30d))*$")),
                new Mutation("Lifetimes accepts any text", "lifetimeSettings",
                        t -> parameter(t, "Lifetimes").remove("AllowedPattern")),
                new Mutation("DefaultLifetime allows an unsupported lifetime", "lifetimeSettings",
                        t -> parameter(t, "DefaultLifetime").put("AllowedValues",
                                List.of("forever", "1d", "2d", "7d", "30d", "90d", "365d"))),
                new Mutation("the stack offers other lifetimes by default than the code", "lifetimeSettings",
                        t -> parameter(t, "Lifetimes").put("Default", "forever,1d")),
                new Mutation("the two defaults disagree", "lifetimeSettings",
                        t -> parameter(t, "DefaultLifetime").put("Default", "90d")),
                new Mutation("Lifetimes never reaches the ticket function", "lifetimeSettings",
                        t -> variables(t).remove("PINHOLE_LIFETIMES")),
                new Mutation("the default lifetime fixed in the template", "lifetimeSettings",
                        t -> variables(t).put("PINHOLE_DEFAULT_LIFETIME", "forever")),
                new Mutation("invalidator's handler misspelt", "handlerClass", t -> invalidator(t)
                        .put("Handler", "dev.pinhole.images.cdn.InvalidationHandlr::handleRequest")),
                new Mutation("invalidator sent to a local CloudFront", "environmentVariables",
                        t -> asMap(asMap(invalidator(t).get("Environment")).get("Variables"))
                                .put("PINHOLE_CLOUDFRONT_ENDPOINT", "http://127.0.0.1:9001")),
                new Mutation("publisher told the bucket has no object tagging", "environmentVariables",
                        t -> asMap(asMap(t.properties("PublisherFunction").get("Environment")).get("Variables"))
                                .put("PINHOLE_S3_OBJECT_TAGGING", "false")),
                new Mutation("invalidator runs in parallel", "invalidator",
                        t -> invalidator(t).remove("ReservedConcurrentExecutions")),
                new Mutation("invalidator reserves no instance by default", "invalidator",
                        t -> parameter(t, "InvalidatorConcurrency").put("Default", "unreserved")),
                new Mutation("invalidator reserves ten instances", "invalidator",
                        t -> invalidator(t).put("ReservedConcurrentExecutions", 10)),
                new Mutation("invalidator with SnapStart", "invalidator",
                        t -> invalidator(t).put("SnapStart", Map.of("ApplyOn", "PublishedVersions"))),
                new Mutation("invalidator's logs kept for ever", "invalidator",
                        t -> t.properties("InvalidatorLogGroup").remove("RetentionInDays")),
                new Mutation("invalidator does not know the distribution", "invalidator",
                        t -> asMap(invalidator(t).get("Environment")).put("Variables",
                                Map.of("PINHOLE_BUCKET", "x"))),
                new Mutation("no schedule for leftover markers", "invalidator",
                        t -> t.resources().remove("InvalidatorScheduleRule")),
                new Mutation("leftovers picked up once a day", "invalidator",
                        t -> t.properties("InvalidatorScheduleRule").put("ScheduleExpression", "rate(1 day)")),
                new Mutation("any schedule of the account may invoke the invalidator", "invalidator",
                        t -> t.properties("InvalidatorSchedulePermission").remove("SourceArn")),
                new Mutation("the schedule sends EventBridge's own event", "invalidator",
                        t -> asMap(asList(t.properties("InvalidatorScheduleRule").get("Targets")).get(0)).remove("Input")),
                new Mutation("invalidator may invalidate every distribution", "cloudFrontRights",
                        t -> invalidationStatement(t).put("Resource", "*")),
                new Mutation("invalidator may invalidate another distribution", "cloudFrontRights",
                        t -> invalidationStatement(t).put("Resource", "arn:aws:cloudfront::123456789012:distribution/EOTHER")),
                new Mutation("invalidator may do anything to CloudFront", "cloudFrontRights",
                        t -> invalidationStatement(t).put("Action", "cloudfront:*")),
                new Mutation("image API may invalidate", "cloudFrontRights",
                        t -> asList(t.properties("ImageApiRole").get("Policies")).add(Template.copyOf(
                                asList(t.properties("InvalidatorRole").get("Policies")).get(0)))),
                new Mutation("invalidator may not invalidate", "cloudFrontRights",
                        t -> asList(t.properties("InvalidatorRole").get("Policies")).remove(0)),
                new Mutation("image API may delete refusal records (tombstones)", "roles",
                        t -> statement(t, "ImageApiRole", 0, 0).put("Action", List.of("s3:GetObject", "s3:DeleteObject"))),
                new Mutation("image API may not write the pending-invalidation marker", "roles",
                        t -> statement(t, "ImageApiRole", 0, 2).put("Resource", Map.of("Fn::Sub", "${ImageBucket.Arn}/r/*"))),
                new Mutation("publisher may not tag published images", "roles",
                        t -> bucketAccess(t, "PublisherBucketAccess", 2).put("Action", "s3:DeleteObject")),
                new Mutation("invalidator may list every image", "roles",
                        t -> bucketAccess(t, "InvalidatorBucketAccess", 0).remove("Condition")),
                new Mutation("invalidator may read published images", "roles",
                        t -> bucketAccess(t, "InvalidatorBucketAccess", 1).put("Resource",
                                List.of(Map.of("Fn::Sub", "${ImageBucket.Arn}/p/*"), Map.of("Fn::Sub", "${ImageBucket.Arn}/i/*")))),
                new Mutation("no notification for pending-invalidation markers", "notification",
                        t -> asList(asMap(t.properties("ImageBucket").get("NotificationConfiguration"))
                                .get("LambdaConfigurations")).remove(1)),
                new Mutation("markers sent to the publisher", "notification",
                        t -> asMap(asList(asMap(t.properties("ImageBucket").get("NotificationConfiguration"))
                                .get("LambdaConfigurations")).get(1)).put("Function",
                                Map.of("Fn::GetAtt", List.of("PublisherFunction", "Arn")))),
                new Mutation("invalidator without retries and failure destination", "notification",
                        t -> t.resources().remove("InvalidatorInvokeConfig")),
                new Mutation("bucket made before S3 may invoke the invalidator", "notification",
                        t -> bucket(t).put("DependsOn", List.of("PublisherInvokePermission"))),
                new Mutation("CORS refuses the delete hash a ticket signs", "imageBucketCors",
                        t -> asList(putCorsRule(t).get("AllowedHeaders")).remove("x-amz-meta-pinhole-delete-hash")),
                new Mutation("API behaviour refuses DELETE", "apiBehaviour",
                        t -> apiBehaviour(t).put("AllowedMethods", List.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST"))),
                new Mutation("API behaviour forwards no viewer headers", "apiBehaviour",
                        // Managed-CORS-S3Origin: only the CORS request headers.
                        t -> apiBehaviour(t).put("OriginRequestPolicyId", "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf")),
                new Mutation("API behaviour's own policy names other headers only", "apiBehaviour", t -> {
                    t.resources().put("ApiOriginRequests", Map.of("Type", "AWS::CloudFront::OriginRequestPolicy",
                            "Properties", Map.of("OriginRequestPolicyConfig", Map.of("HeadersConfig", Map.of(
                                    "HeaderBehavior", "whitelist", "Headers", List.of("x-pinhole-viewer-host"))))));
                    apiBehaviour(t).put("OriginRequestPolicyId", Map.of("Ref", "ApiOriginRequests"));
                }),
                new Mutation("delete route throttled only by the default", "routeThrottling",
                        t -> t.properties("DefaultStage").remove("RouteSettings")),
                new Mutation("delete route throttled more loosely than the default", "routeThrottling",
                        t -> asMap(asMap(t.properties("DefaultStage").get("RouteSettings")).get("DELETE /api/images/{name}"))
                                .put("ThrottlingRateLimit", 100)),
                new Mutation("stage made before the route its settings name", "routeThrottling",
                        t -> asMap(t.resources().get("DefaultStage")).remove("DependsOn")),
                new Mutation("no route throttled", "routeThrottling",
                        t -> t.properties("DefaultStage").remove("DefaultRouteSettings")),
                new Mutation("delete route missing", "routes", t -> t.resources().remove("ImageDeleteRoute")),
                new Mutation("invalidator names the bucket by reference", "dependencyCycles",
                        t -> asMap(asMap(invalidator(t).get("Environment")).get("Variables"))
                                .put("PINHOLE_BUCKET", Map.of("Ref", "ImageBucket"))),
                new Mutation("invalidator's role holds its bucket rights itself", "dependencyCycles",
                        t -> asList(t.properties("InvalidatorRole").get("Policies")).add(Map.of("PolicyName", "p",
                                "PolicyDocument", t.properties("InvalidatorBucketAccess").get("PolicyDocument")))),
                new Mutation("distribution reaches the image bucket by GetAtt", "dependencyCycles",
                        t -> asMap(asList(asMap(t.properties("Distribution").get("DistributionConfig")).get("Origins"))
                                .get(1)).put("DomainName", Map.of("Fn::GetAtt", List.of("ImageBucket", "RegionalDomainName")))));
        Stream<Mutation> metadata = ImageMetadata.ALL.stream().map(name -> new Mutation(
                ImageMetadata.header(name) + " passed on to viewers", "imageHeaders",
                t -> removedHeaders(t).removeIf(item -> ImageMetadata.header(name).equals(asMap(item).get("Header")))));
        return Stream.concat(each, metadata);
    }

    private static Map<String, Object> imageSecurityHeaders(Template t) {
        return asMap(asMap(t.properties("ImageHeadersPolicy").get("ResponseHeadersPolicyConfig"))
                .get("SecurityHeadersConfig"));
    }
}
