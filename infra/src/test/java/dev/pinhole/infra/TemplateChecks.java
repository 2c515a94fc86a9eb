package dev.pinhole.infra;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.core.ImageMetadata;
import dev.pinhole.core.ImageRoutes;
import dev.pinhole.images.api.ImageApiConfig;
import dev.pinhole.images.api.ImageApiHandler;
import dev.pinhole.images.cdn.InvalidationConfig;
import dev.pinhole.images.cdn.InvalidationHandler;
import dev.pinhole.images.publish.PublishHandler;
import dev.pinhole.images.publish.PublisherConfig;
import dev.pinhole.images.store.StoreConfig;
import dev.pinhole.local.ImageLinks;
import dev.pinhole.tickets.TicketConfig;
import dev.pinhole.tickets.TicketHandler;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the validator cannot know: whether the template fits the handler's code. Each check returns the
 * problems it found (empty when the template fits), so a test can show it on the real template and on a
 * broken copy alike.
 */
final class TemplateChecks {
    /**
     * Variables TicketConfig reads that the stack leaves unset, and why. Every other one must be set.
     */
    static final Map<String, String> NOT_SET_BY_STACK = Map.of(
            TicketConfig.REGION, "Lambda sets AWS_REGION itself and CloudFormation refuses reserved names",
            TicketConfig.S3_ENDPOINT, "local stack only: production talks to S3's regional endpoint",
            TicketConfig.S3_PATH_STYLE, "local stack only: S3 itself uses virtual-hosted addressing",
            TicketConfig.ALLOWED_ORIGINS, "page and API share one CloudFront origin, so the API needs no CORS",
            InvalidationConfig.CLOUDFRONT_ENDPOINT, "local stack and tests only: production talks to CloudFront itself",
            PublisherConfig.S3_OBJECT_TAGGING, "local stack only: S3Proxy has no object tagging, S3 has");

    /**
     * CloudFront's managed origin request policies that send the API every viewer header (so the delete token)
     * but Host, which must stay the API's own for API Gateway to route.
     */
    static final Map<String, String> ALL_VIEWER_HEADERS_BUT_HOST = Map.of(
            "b689b0a8-53d0-40ab-baf2-68738e2966ac", "Managed-AllViewerExceptHostHeader");

    /** Every function of the stack: its handler class and the variables its configuration reads. */
    static final Map<Class<?>, List<String>> FUNCTIONS = Map.of(
            TicketHandler.class, TicketConfig.VARIABLES,
            PublishHandler.class, PublisherConfig.VARIABLES,
            ImageApiHandler.class, ImageApiConfig.VARIABLES,
            InvalidationHandler.class, InvalidationConfig.VARIABLES);

    /** Methods a route could have; OPTIONS is left out because CORS preflights are off in production. */
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    private final Template template;
    private final HandlerProbe handler;

    TemplateChecks(Template template, HandlerProbe handler) {
        this.template = template;
        this.handler = handler;
    }

    /** The logical ID of the function whose handler is this class, or null. */
    String functionOf(Class<?> handlerClass) {
        return functionOf(handlerClass.getName());
    }

    /** The logical ID of the function whose handler is the class of this name, or null. */
    String functionOf(String handlerClassName) {
        return template.ofType("AWS::Lambda::Function").stream()
                .filter(id -> String.valueOf(template.properties(id).get("Handler"))
                        .startsWith(handlerClassName + "::"))
                .findFirst().orElse(null);
    }

    /** Every function's handler names a public RequestHandler the runtime can build; every handler has a function. */
    List<String> handlerClass() {
        List<String> problems = new ArrayList<>();
        for (String function : template.ofType("AWS::Lambda::Function")) {
            problems.addAll(handlerClass(String.valueOf(template.properties(function).get("Handler"))));
        }
        for (Class<?> handler : FUNCTIONS.keySet()) {
            if (functionOf(handler) == null) {
                problems.add("no function runs " + handler.getName());
            }
        }
        return problems;
    }

    /** The handler string names a public class with a no-arg constructor implementing RequestHandler. */
    private static List<String> handlerClass(String handlerName) {
        String[] parts = handlerName.split("::");
        if (parts.length != 2) {
            return List.of("Handler '" + handlerName + "' is not class::method");
        }
        Class<?> type;
        try {
            type = Class.forName(parts[0], false, TemplateChecks.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return List.of("Handler class " + parts[0] + " is not in the lambda module");
        }
        List<String> problems = new ArrayList<>();
        if (!RequestHandler.class.isAssignableFrom(type)) {
            problems.add(parts[0] + " does not implement " + RequestHandler.class.getName());
        }
        if (!Modifier.isPublic(type.getModifiers())
                || Arrays.stream(type.getConstructors()).noneMatch(c -> c.getParameterCount() == 0)) {
            problems.add(parts[0] + " has no public no-arg constructor for the Lambda runtime");
        }
        boolean hasMethod = Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals(parts[1])
                && m.getParameterCount() == 2 && m.getParameterTypes()[1] == Context.class);
        if (!hasMethod) {
            problems.add(parts[0] + " has no method " + parts[1] + "(event, Context)");
        }
        return problems;
    }

    /** Each function sets exactly the variables its handler reads, less the ones it must leave unset. */
    List<String> environmentVariables() {
        List<String> problems = new ArrayList<>();
        FUNCTIONS.forEach((handler, reads) -> {
            String function = functionOf(handler);
            if (function == null) {
                problems.add("no function runs " + handler.getSimpleName());
                return;
            }
            Set<String> expected = new TreeSet<>(reads);
            expected.removeAll(NOT_SET_BY_STACK.keySet());
            Object variables = template.at("Resources", function, "Properties", "Environment", "Variables");
            Set<String> set = variables == null ? Set.of() : new TreeSet<>(Template.asMap(variables).keySet());
            difference(expected, set).forEach(name -> problems.add(function + ": " + name
                    + " is read by the handler but not set"));
            difference(set, expected).forEach(name -> problems.add(function + ": " + name
                    + " is set but the handler never reads it"
                    + (NOT_SET_BY_STACK.containsKey(name) ? " in production: " + NOT_SET_BY_STACK.get(name) : "")));
        });
        return problems;
    }

    /** The API's routes are exactly the method/path pairs the handler answers. */
    List<String> routes() {
        Set<String> inTemplate = template.ofType("AWS::ApiGatewayV2::Route").stream()
                .map(id -> String.valueOf(template.properties(id).get("RouteKey")))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> served = new TreeSet<>();
        for (String path : List.of(TicketHandler.UPLOADS, TicketHandler.LIMITS)) {
            METHODS.stream().filter(method -> handler.serves(method, path)).forEach(m -> served.add(m + " " + path));
        }
        served.addAll(IMAGE_ROUTES);
        List<String> problems = new ArrayList<>();
        difference(inTemplate, served).forEach(route -> problems.add("route " + route + " is not served by the handler"));
        difference(served, inTemplate).forEach(route -> problems.add("the handler serves " + route + " but the API has no such route"));
        return problems;
    }

    /** The image API's routes: every method ImageApiHandler allows, on its resource. */
    static final Set<String> IMAGE_ROUTES = Arrays.stream(ImageApiHandler.ALLOWED_METHODS.split(","))
            .map(method -> method.trim() + " " + ImageRoutes.ROUTE).collect(Collectors.toCollection(TreeSet::new));

    /**
     * Every route goes to a proxy integration, payload 2.0, of the function whose handler serves it: the ticket
     * routes to the ticket function's published alias (SnapStart), the image routes to the image API function.
     */
    List<String> integration() {
        List<String> problems = new ArrayList<>();
        String ticketIntegration = integrationInvoking(Map.of("Ref", template.single("AWS::Lambda::Alias")));
        String imageFunction = functionOf(ImageApiHandler.class);
        String imageIntegration = imageFunction == null ? null
                : integrationInvoking(Map.of("Fn::GetAtt", List.of(imageFunction, "Arn")));
        if (ticketIntegration == null) {
            problems.add("no integration invokes the ticket alias; $LATEST never gets SnapStart");
        }
        if (imageIntegration == null) {
            problems.add("no integration invokes the image API function");
        }
        for (String integrationId : template.ofType("AWS::ApiGatewayV2::Integration")) {
            Map<String, Object> integration = template.properties(integrationId);
            if (!"AWS_PROXY".equals(integration.get("IntegrationType"))) {
                problems.add(integrationId + " is not AWS_PROXY");
            }
            if (!"2.0".equals(String.valueOf(integration.get("PayloadFormatVersion")))) {
                problems.add(integrationId + "'s payload format is not 2.0, the APIGatewayV2HTTPEvent the handlers read");
            }
        }
        for (String route : template.ofType("AWS::ApiGatewayV2::Route")) {
            String key = String.valueOf(template.properties(route).get("RouteKey"));
            String expected = IMAGE_ROUTES.contains(key) ? imageIntegration : ticketIntegration;
            Object target = template.properties(route).get("Target");
            if (expected == null || !Map.of("Fn::Sub", "integrations/${" + expected + "}").equals(target)) {
                problems.add("route " + route + " (" + key + ") does not target the integration of the function "
                        + "that serves it");
            }
        }
        return problems;
    }

    private String integrationInvoking(Object uri) {
        return template.ofType("AWS::ApiGatewayV2::Integration").stream()
                .filter(id -> uri.equals(template.properties(id).get("IntegrationUri"))).findFirst().orElse(null);
    }

    /** The image bucket's CORS rule allows PUT with exactly the headers a ticket tells the browser to send. */
    List<String> imageBucketCors() {
        String tickets = functionOf(TicketHandler.class);
        Object bucketRef = tickets == null ? null : template.at("Resources", tickets,
                "Properties", "Environment", "Variables", TicketConfig.BUCKET, "Ref");
        if (bucketRef == null) {
            return List.of(TicketConfig.BUCKET + " does not name a bucket of this stack");
        }
        List<String> problems = new ArrayList<>();
        Object rules = template.at("Resources", bucketRef, "Properties", "CorsConfiguration", "CorsRules");
        List<Object> putRules = rules == null ? List.of() : Template.asList(rules).stream()
                .filter(rule -> Template.asList(Template.asMap(rule).get("AllowedMethods")).contains("PUT"))
                .collect(Collectors.toList());
        if (putRules.size() != 1) {
            return List.of(bucketRef + " needs exactly one CORS rule allowing PUT, has " + putRules.size());
        }
        Set<String> allowed = Template.asList(Template.asMap(putRules.get(0)).get("AllowedHeaders")).stream()
                .map(Objects::toString).map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> signed = handler.uploadHeaders();
        difference(signed, allowed).forEach(h -> problems.add("CORS does not allow " + h + ", which tickets sign"));
        difference(allowed, signed).forEach(h -> problems.add("CORS allows " + h + ", which no ticket uses"));
        return problems;
    }

    /**
     * Links under /i/* get the headers the local stack sends (nosniff, the same sandboxing CSP), and a
     * Content-Disposition an uploader stored unsigned on their object is dropped, so images always show inline.
     */
    List<String> imageHeaders() {
        Object behaviours = template.at("Resources", template.single("AWS::CloudFront::Distribution"),
                "Properties", "DistributionConfig", "CacheBehaviors");
        Object policyRef = behaviours == null ? null : Template.asList(behaviours).stream().map(Template::asMap)
                .filter(b -> "/i/*".equals(b.get("PathPattern")))
                .map(b -> b.get("ResponseHeadersPolicyId")).filter(Map.class::isInstance)
                .map(ref -> Template.asMap(ref).get("Ref")).findFirst().orElse(null);
        if (policyRef == null) {
            return List.of("the /i/* behaviour has no response headers policy of this stack");
        }
        Object config = template.at("Resources", policyRef, "Properties", "ResponseHeadersPolicyConfig");
        List<String> problems = new ArrayList<>();
        if (!Boolean.TRUE.equals(template.at("Resources", policyRef, "Properties", "ResponseHeadersPolicyConfig",
                "SecurityHeadersConfig", "ContentTypeOptions", "Override"))) {
            problems.add(policyRef + " does not send X-Content-Type-Options: nosniff");
        }
        Object csp = template.at("Resources", policyRef, "Properties", "ResponseHeadersPolicyConfig",
                "SecurityHeadersConfig", "ContentSecurityPolicy", "ContentSecurityPolicy");
        if (!ImageLinks.IMAGE_CSP.equals(csp)) {
            problems.add(policyRef + " sends CSP '" + csp + "', the local stack '" + ImageLinks.IMAGE_CSP + "'");
        }
        Object removed = config == null ? null : Template.asMap(config).get("RemoveHeadersConfig");
        boolean dropsDisposition = removed != null && Template.asList(Template.asMap(removed).get("Items")).stream()
                .map(Template::asMap).anyMatch(item -> "content-disposition".equalsIgnoreCase(
                        String.valueOf(item.get("Header"))));
        if (!dropsDisposition) {
            problems.add(policyRef + " passes on a Content-Disposition the uploader stored");
        }
        Set<String> removedHeaders = removed == null ? Set.of() : Template.asList(Template.asMap(removed).get("Items"))
                .stream().map(Template::asMap).map(item -> String.valueOf(item.get("Header")).toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
        for (String name : ImageMetadata.ALL) {
            if (!removedHeaders.contains(ImageMetadata.header(name))) {
                problems.add(policyRef + " passes " + ImageMetadata.header(name) + " on to viewers");
            }
        }
        return problems;
    }

    /**
     * The /api/* behaviour lets every method the API's routes use through, and sends the API the delete token:
     * CloudFront forwards to the origin only the headers its origin request policy names.
     */
    List<String> apiBehaviour() {
        Object behaviours = template.at("Resources", template.single("AWS::CloudFront::Distribution"),
                "Properties", "DistributionConfig", "CacheBehaviors");
        Map<String, Object> api = behaviours == null ? null : Template.asList(behaviours).stream().map(Template::asMap)
                .filter(b -> "/api/*".equals(b.get("PathPattern"))).findFirst().orElse(null);
        if (api == null) {
            return List.of("the distribution has no /api/* behaviour");
        }
        List<String> problems = new ArrayList<>();
        Object methods = api.get("AllowedMethods");
        Set<String> allowed = methods instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.toSet()) : Set.of();
        template.ofType("AWS::ApiGatewayV2::Route").stream()
                .map(id -> String.valueOf(template.properties(id).get("RouteKey")).split(" ")[0])
                .filter(method -> !allowed.contains(method)).distinct()
                .forEach(method -> problems.add("the /api/* behaviour does not allow " + method + ", which a route uses"));
        if (!forwardsHeader(api.get("OriginRequestPolicyId"), DeleteToken.HEADER)) {
            problems.add("the /api/* behaviour's origin request policy does not send " + DeleteToken.HEADER
                    + " to the API: every delete would be refused");
        }
        return problems;
    }

    private boolean forwardsHeader(Object policy, String header) {
        if (policy instanceof String managed) {
            return ALL_VIEWER_HEADERS_BUT_HOST.containsKey(managed);
        }
        Object ref = policy instanceof Map<?, ?> map ? map.get("Ref") : null;
        Object config = ref == null ? null : template.at("Resources", ref, "Properties", "OriginRequestPolicyConfig",
                "HeadersConfig");
        if (!(config instanceof Map<?, ?> headers)) {
            return false;
        }
        Object named = headers.get("Headers");
        boolean listed = named instanceof List<?> list && list.stream().anyMatch(h -> header.equalsIgnoreCase(String.valueOf(h)));
        return switch (String.valueOf(headers.get("HeaderBehavior"))) {
            case "allViewer", "allViewerAndWhitelistCloudFront" -> true;
            case "whitelist" -> listed;
            case "allExcept" -> !listed;
            default -> false;
        };
    }

    /**
     * Every route is throttled (the stage's default route settings), and each DELETE route more tightly on its own;
     * the stage depends on each route its RouteSettings name, which API Gateway refuses before the route exists.
     */
    List<String> routeThrottling() {
        String stage = template.single("AWS::ApiGatewayV2::Stage");
        Map<String, Object> properties = template.properties(stage);
        List<String> problems = new ArrayList<>();
        Object defaults = properties.get("DefaultRouteSettings");
        long defaultRate = limit(defaults, "ThrottlingRateLimit");
        long defaultBurst = limit(defaults, "ThrottlingBurstLimit");
        if (defaultRate < 0 || defaultBurst < 0) {
            problems.add(stage + " does not throttle every route (DefaultRouteSettings)");
        }
        Object settings = properties.get("RouteSettings");
        Map<String, Object> perRoute = settings instanceof Map<?, ?> ? Template.asMap(settings) : Map.of();
        Set<String> dependencies = new DependencyCycles(template).dependenciesOf(stage);
        for (String key : perRoute.keySet()) {
            String route = template.ofType("AWS::ApiGatewayV2::Route").stream()
                    .filter(id -> key.equals(template.properties(id).get("RouteKey"))).findFirst().orElse(null);
            if (route == null) {
                problems.add(stage + " has RouteSettings for " + key + ", which is no route");
            } else if (!dependencies.contains(route)) {
                problems.add(stage + " does not depend on " + route + ", so API Gateway may refuse its RouteSettings");
            }
        }
        for (String route : template.ofType("AWS::ApiGatewayV2::Route")) {
            String key = String.valueOf(template.properties(route).get("RouteKey"));
            if (!key.startsWith("DELETE ")) {
                continue;
            }
            long rate = limit(perRoute.get(key), "ThrottlingRateLimit");
            long burst = limit(perRoute.get(key), "ThrottlingBurstLimit");
            if (rate < 0 || burst < 0 || rate > defaultRate || burst > defaultBurst) {
                problems.add(route + " (" + key + ") has no throttle of its own below the stage's default");
            }
        }
        return problems;
    }

    /** A throttling limit of route settings, or -1 when there is none. */
    private static long limit(Object settings, String name) {
        Object value = settings instanceof Map<?, ?> map ? map.get(name) : null;
        try {
            return value == null ? -1 : Math.round(Double.parseDouble(String.valueOf(value)));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** No resource depends on itself through others: CloudFormation refuses such a template outright. */
    List<String> dependencyCycles() {
        return new DependencyCycles(template).cycles().stream().map(cycle -> "dependency cycle: " + cycle).toList();
    }

    List<String> roles() {
        return new PublishChecks(template, this).roles();
    }

    List<String> notification() {
        return new PublishChecks(template, this).notification();
    }

    List<String> lifecycle() {
        return new LifetimeChecks(template, this).lifecycle();
    }

    List<String> lifetimeSettings() {
        return new LifetimeChecks(template, this).lifetimeSettings();
    }

    List<String> invalidator() {
        return new InvalidationChecks(template, this).invalidator();
    }

    List<String> cloudFrontRights() {
        return new InvalidationChecks(template, this).cloudFrontRights();
    }

    List<String> reservedConcurrency() {
        return new ConcurrencyChecks(template).reservedConcurrency();
    }

    List<String> negativeCaching() {
        return new PublishChecks(template, this).negativeCaching();
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
