package dev.pinhole.infra;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every CloudWatch metric the template names, in its alarms (a metric, or each MetricStat of a metric-math alarm) and
 * in its dashboard's body, read into one form so that one set of rules can judge them all.
 */
final class MetricReferences {
    /** A dimension value that names a resource of this template (Ref, GetAtt, or ${X} in the dashboard's Sub). */
    record ResourceRef(String logicalId) {
    }

    /** One metric: where it is named, its namespace, name, and dimensions (values are text or ResourceRef). */
    record Metric(String where, String namespace, String name, Map<String, Object> dimensions) {
        @Override
        public String toString() {
            return where + ": " + namespace + " " + name + " " + dimensions;
        }
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(\\.[A-Za-z0-9.]+)?}");
    private static final String PLACEHOLDER = "@ref:";

    private MetricReferences() {
    }

    /** The metrics of every AWS::CloudWatch::Alarm, by alarm. */
    static Map<String, List<Metric>> ofAlarms(Template template) {
        Map<String, List<Metric>> result = new LinkedHashMap<>();
        for (String alarm : template.ofType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> properties = template.properties(alarm);
            List<Metric> metrics = new ArrayList<>();
            if (properties.get("MetricName") != null) {
                metrics.add(new Metric(alarm, String.valueOf(properties.get("Namespace")),
                        String.valueOf(properties.get("MetricName")), dimensions(properties.get("Dimensions"))));
            }
            Object math = properties.get("Metrics");
            if (math instanceof List<?> queries) {
                for (Object query : queries) {
                    Object stat = Template.asMap(query).get("MetricStat");
                    if (stat != null) {
                        Map<String, Object> metric = Template.asMap(Template.asMap(stat).get("Metric"));
                        metrics.add(new Metric(alarm + "." + Template.asMap(query).get("Id"),
                                String.valueOf(metric.get("Namespace")), String.valueOf(metric.get("MetricName")),
                                dimensions(metric.get("Dimensions"))));
                    }
                }
            }
            result.put(alarm, metrics);
        }
        return result;
    }

    /**
     * The metrics of a dashboard's widgets. Only full arrays ["Namespace", "Name", "Dim", "Value", ..., {options}];
     * CloudWatch's "." shorthand and expressions are reported as problems, since they cannot be checked one by one.
     */
    static List<Metric> ofDashboard(Template template, String dashboard, List<String> problems) {
        Object body = template.properties(dashboard).get("DashboardBody");
        String text = DeployBehaviourChecks.subText(body);
        if (text == null) {
            problems.add(dashboard + "'s DashboardBody is not a Fn::Sub string of JSON");
            return List.of();
        }
        // Pseudo parameters become plain text; ${Resource} and ${Resource.Attribute} become a marked reference.
        Matcher variables = SUB_VARIABLE.matcher(text.replaceAll("\\$\\{AWS::([A-Za-z]+)}", "AWS::$1"));
        StringBuilder resolved = new StringBuilder();
        while (variables.find()) {
            variables.appendReplacement(resolved, Matcher.quoteReplacement(PLACEHOLDER + variables.group(1)));
        }
        variables.appendTail(resolved);
        JsonObject json;
        try {
            json = JsonParser.parseString(resolved.toString()).getAsJsonObject();
        } catch (RuntimeException e) {
            problems.add(dashboard + "'s body is not JSON: " + e.getMessage());
            return List.of();
        }
        List<Metric> metrics = new ArrayList<>();
        JsonArray widgets = json.has("widgets") ? json.getAsJsonArray("widgets") : new JsonArray();
        for (int w = 0; w < widgets.size(); w++) {
            JsonObject properties = widgets.get(w).getAsJsonObject().getAsJsonObject("properties");
            if (properties == null || !properties.has("metrics")) {
                continue;
            }
            String title = properties.has("title") ? properties.get("title").getAsString() : "widget " + w;
            for (JsonElement line : properties.getAsJsonArray("metrics")) {
                Metric metric = dashboardMetric(dashboard + " '" + title + "'", line.getAsJsonArray(), problems);
                if (metric != null) {
                    metrics.add(metric);
                }
            }
        }
        return metrics;
    }

    private static Metric dashboardMetric(String where, JsonArray line, List<String> problems) {
        List<String> parts = new ArrayList<>();
        for (JsonElement part : line) {
            if (part.isJsonPrimitive()) {
                parts.add(part.getAsString());
            }
        }
        if (parts.size() < 2 || parts.size() % 2 != 0 || parts.contains(".") || parts.contains("..")) {
            problems.add(where + " has a metric not written out in full: " + line);
            return null;
        }
        Map<String, Object> dimensions = new LinkedHashMap<>();
        for (int i = 2; i < parts.size(); i += 2) {
            String value = parts.get(i + 1);
            dimensions.put(parts.get(i), value.startsWith(PLACEHOLDER)
                    ? new ResourceRef(value.substring(PLACEHOLDER.length())) : value);
        }
        return new Metric(where, parts.get(0), parts.get(1), dimensions);
    }

    private static Map<String, Object> dimensions(Object declared) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (declared instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> dimension = Template.asMap(item);
                result.put(String.valueOf(dimension.get("Name")), value(dimension.get("Value")));
            }
        }
        return result;
    }

    private static Object value(Object value) {
        if (value instanceof Map<?, ?> map && map.get("Ref") instanceof String ref) {
            return new ResourceRef(ref);
        }
        if (value instanceof Map<?, ?> map && map.get("Fn::GetAtt") instanceof List<?> getAtt) {
            return new ResourceRef(String.valueOf(getAtt.get(0)));
        }
        return String.valueOf(value);
    }
}
