package dev.pinhole.infra;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.pinhole.tickets.TicketHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, for every function with SnapStart, the schedules that invoke its alias, and judges them: often enough,
 * enabled, allowed to invoke by a permission limited to that schedule, and harmless. For the ticket function
 * harmless is shown, not assumed: the schedule's event goes through the real handler and must be answered like
 * a plain {@code GET /api/limits}.
 */
final class KeepWarmProbe {
    private final Template template;
    private final HandlerProbe handler;

    KeepWarmProbe(Template template, HandlerProbe handler) {
        this.template = template;
        this.handler = handler;
    }

    List<String> problems(Pattern rate, long longestIntervalDays) {
        List<String> problems = new ArrayList<>();
        for (String function : template.ofType("AWS::Lambda::Function")) {
            if (!"PublishedVersions".equals(template.at("Resources", function, "Properties", "SnapStart", "ApplyOn"))) {
                continue;
            }
            List<String> aliases = template.ofType("AWS::Lambda::Alias").stream()
                    .filter(alias -> refersTo(template.properties(alias).get("FunctionName"), function)).toList();
            int schedules = 0;
            for (String rule : template.ofType("AWS::Events::Rule")) {
                Object targets = template.properties(rule).get("Targets");
                for (Object target : targets == null ? List.of() : Template.asList(targets)) {
                    Map<String, Object> fields = Template.asMap(target);
                    String alias = aliases.stream().filter(a -> refersTo(fields.get("Arn"), a)).findFirst().orElse(null);
                    if (alias != null) {
                        schedules++;
                        judge(function, alias, rule, fields.get("Input"), rate, longestIntervalDays, problems);
                    }
                }
            }
            if (schedules == 0) {
                problems.add(function + ": no schedule invokes its alias, so after 14 idle days SnapStart's snapshot"
                        + " is gone and the next calls fail");
            }
        }
        return problems;
    }

    private void judge(String function, String alias, String rule, Object input, Pattern rate, long longestDays,
            List<String> problems) {
        Map<String, Object> properties = template.properties(rule);
        if (!"ENABLED".equals(properties.get("State"))) {
            problems.add(rule + " is not ENABLED");
        }
        Matcher schedule = rate.matcher(String.valueOf(properties.get("ScheduleExpression")));
        if (!schedule.matches() || DeployBehaviourChecks.days(schedule) > longestDays) {
            problems.add(rule + " runs '" + properties.get("ScheduleExpression") + "'; it must be rate(...) of at most "
                    + longestDays + " days, to warm the alias twice within SnapStart's 14 days");
        }
        boolean allowed = template.ofType("AWS::Lambda::Permission").stream().map(template::properties)
                .anyMatch(permission -> refersTo(permission.get("FunctionName"), alias)
                        && "lambda:InvokeFunction".equals(permission.get("Action"))
                        && "events.amazonaws.com".equals(permission.get("Principal"))
                        && Map.of("Fn::GetAtt", List.of(rule, "Arn")).equals(permission.get("SourceArn")));
        if (!allowed) {
            problems.add("no permission lets " + rule + ", and only it, invoke " + alias);
        }
        if (!(input instanceof String event) || event.isBlank()) {
            problems.add(rule + " sends " + alias + " no fixed event; a default one is not known to be harmless");
        } else if (String.valueOf(template.properties(function).get("Handler"))
                .startsWith(TicketHandler.class.getName() + "::")) {
            problems.addAll(ticketEventProblems(rule, event));
        }
    }

    /** The ticket handler must take the event for GET /api/limits: answered 200, nothing issued. */
    private List<String> ticketEventProblems(String rule, String json) {
        APIGatewayV2HTTPEvent event;
        try {
            event = new Gson().fromJson(json, APIGatewayV2HTTPEvent.class);
        } catch (JsonParseException e) {
            return List.of(rule + "'s event is not API Gateway v2 JSON: " + e.getMessage());
        }
        String method = event == null || event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? null : event.getRequestContext().getHttp().getMethod();
        if (!"GET".equals(method) || !TicketHandler.LIMITS.equals(event.getRawPath())) {
            return List.of(rule + " sends " + method + " " + (event == null ? null : event.getRawPath())
                    + "; only GET " + TicketHandler.LIMITS + " is known to change nothing");
        }
        int status = handler.handle(event).getStatusCode();
        return status == 200 ? List.of() : List.of(rule + "'s event is answered " + status + ", not 200");
    }

    private static boolean refersTo(Object value, String logicalId) {
        return Map.of("Ref", logicalId).equals(value);
    }
}
