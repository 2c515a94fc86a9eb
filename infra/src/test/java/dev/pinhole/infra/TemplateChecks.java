package dev.pinhole.infra;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
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
            TicketConfig.S3_ENDPOINT, "local stack only: production presigns for S3's regional endpoint",
            TicketConfig.S3_PATH_STYLE, "local stack only: S3 itself uses virtual-hosted addressing",
            TicketConfig.ALLOWED_ORIGINS, "page and API share one CloudFront origin, so the API needs no CORS");

    /** Methods a route could have; OPTIONS is left out because CORS preflights are off in production. */
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    private final Template template;
    private final HandlerProbe handler;

    TemplateChecks(Template template, HandlerProbe handler) {
        this.template = template;
        this.handler = handler;
    }

    private Map<String, Object> function() {
        return template.properties(template.single("AWS::Lambda::Function"));
    }

    /** The handler string names a public class with a no-arg constructor implementing RequestHandler. */
    List<String> handlerClass() {
        String handlerName = String.valueOf(function().get("Handler"));
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

    /** The stack sets exactly the variables the handler reads, less the ones it must leave unset. */
    List<String> environmentVariables() {
        Set<String> expected = new TreeSet<>(TicketConfig.VARIABLES);
        expected.removeAll(NOT_SET_BY_STACK.keySet());
        Object variables = template.at("Resources", template.single("AWS::Lambda::Function"),
                "Properties", "Environment", "Variables");
        Set<String> set = variables == null ? Set.of() : new TreeSet<>(Template.asMap(variables).keySet());
        List<String> problems = new ArrayList<>();
        difference(expected, set).forEach(name -> problems.add(name + " is read by the handler but not set"));
        difference(set, expected).forEach(name -> problems.add(name + " is set but the handler never reads it"
                + (NOT_SET_BY_STACK.containsKey(name) ? " in production: " + NOT_SET_BY_STACK.get(name) : "")));
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
        List<String> problems = new ArrayList<>();
        difference(inTemplate, served).forEach(route -> problems.add("route " + route + " is not served by the handler"));
        difference(served, inTemplate).forEach(route -> problems.add("the handler serves " + route + " but the API has no such route"));
        return problems;
    }

    /** Every route goes to one proxy integration, payload 2.0, invoking the published alias (SnapStart). */
    List<String> integration() {
        String integrationId = template.single("AWS::ApiGatewayV2::Integration");
        Map<String, Object> integration = template.properties(integrationId);
        List<String> problems = new ArrayList<>();
        if (!"AWS_PROXY".equals(integration.get("IntegrationType"))) {
            problems.add("integration is not AWS_PROXY");
        }
        if (!"2.0".equals(String.valueOf(integration.get("PayloadFormatVersion")))) {
            problems.add("integration payload format is not 2.0, the APIGatewayV2HTTPEvent the handler reads");
        }
        if (!Map.of("Ref", template.single("AWS::Lambda::Alias")).equals(integration.get("IntegrationUri"))) {
            problems.add("integration does not invoke the alias; $LATEST never gets SnapStart");
        }
        for (String route : template.ofType("AWS::ApiGatewayV2::Route")) {
            Object target = template.properties(route).get("Target");
            if (!Map.of("Fn::Sub", "integrations/${" + integrationId + "}").equals(target)) {
                problems.add("route " + route + " does not target " + integrationId);
            }
        }
        return problems;
    }

    /** The image bucket's CORS rule allows PUT with exactly the headers a ticket tells the browser to send. */
    List<String> imageBucketCors() {
        Object bucketRef = template.at("Resources", template.single("AWS::Lambda::Function"),
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
        return problems;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
