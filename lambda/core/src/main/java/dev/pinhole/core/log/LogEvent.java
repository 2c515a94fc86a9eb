package dev.pinhole.core.log;

import dev.pinhole.core.JsonText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One thing that happened (a ticket issued, an upload refused, a delete), with the fields that say what and the
 * metrics it counts, written as one line by {@link #emit()}.
 *
 * <p>The JSON form is an embedded-metric-format document (CloudWatch's specification): metrics and dimensions
 * are root members, and {@code _aws} says which of them are metrics, in which namespace and by which dimension
 * sets. Every metric is counted by function alone and, when the event has a dimension (an error code, a refusal
 * reason), by function and that dimension too.
 *
 * <p>What may go in: names from this code (checked against a pattern) and values the caller chose to log. The
 * functions never pass tokens, signatures, presigned URLs or request bodies; a test of each function greps
 * everything it prints for them.
 */
public final class LogEvent {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,10}");
    private static final int MAX_VALUE_CHARS = 1024;
    private static final java.util.Set<String> RESERVED =
            java.util.Set.of("_aws", "time", "level", "event", "exception", Telemetry.FUNCTION_DIMENSION);
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Telemetry telemetry;
    private final String name;
    private String level = "INFO";
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private String dimensionName;
    private String dimensionValue;
    private String errorTrace;

    private record Metric(MetricUnit unit, double value) {
    }

    LogEvent(Telemetry telemetry, String name) {
        this.telemetry = telemetry;
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an event name: " + name);
        }
        this.name = name;
    }

    /** The id to find the request by: API Gateway's for API calls, Lambda's otherwise. Absent ids are left out. */
    public LogEvent requestId(String requestId) {
        return field("requestId", requestId);
    }

    /** Both ids of an API request: {@code requestId} is the one to search for, {@code lambdaRequestId} the other. */
    public LogEvent requestIds(RequestIds ids) {
        return requestId(ids.primary()).field("lambdaRequestId", ids.secondary());
    }

    /** An HTTP method as a caller sent it: short upper-case words are kept, anything made up is logged as "other". */
    public LogEvent method(String method) {
        return field("method", method != null && METHOD.matcher(method).matches() ? method : "other");
    }

    public LogEvent field(String fieldName, String value) {
        if (value != null) {
            fields.put(checkedName(fieldName), value.length() > MAX_VALUE_CHARS
                    ? value.substring(0, MAX_VALUE_CHARS) + "..." : value);
        }
        return this;
    }

    public LogEvent field(String fieldName, long value) {
        fields.put(checkedName(fieldName), value);
        return this;
    }

    /** Counts one of {@code metricName} (a CloudWatch metric, in PascalCase: {@code TicketsIssued}). */
    public LogEvent count(String metricName) {
        return metric(metricName, MetricUnit.COUNT, 1);
    }

    public LogEvent metric(String metricName, MetricUnit unit, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(metricName + " is not a finite number: " + value);
        }
        metrics.put(checkedName(metricName), new Metric(unit, value));
        return this;
    }

    /**
     * The one dimension beyond the function that this event's metrics are also counted by, for example
     * {@code ErrorCode=too_large}. The value is also a field of the line.
     */
    public LogEvent dimension(String dimension, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("dimension " + dimension + " needs a value");
        }
        dimensionName = checkedName(dimension);
        dimensionValue = value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value;
        return this;
    }

    /** Marks the event an error and carries the exception with its whole stack and causes, on the one line. */
    public LogEvent error(Throwable fault) {
        level = "ERROR";
        StringWriter trace = new StringWriter();
        fault.printStackTrace(new PrintWriter(trace, true));
        errorTrace = trace.toString();
        return this;
    }

    public LogEvent warn() {
        level = "WARN";
        return this;
    }

    public void emit() {
        telemetry.write(this);
    }

    String json() {
        Instant now = telemetry.clock().instant();
        return JsonText.write(json -> {
            json.beginObject();
            json.name("time").value(now.toString());
            json.name("level").value(level);
            json.name(Telemetry.FUNCTION_DIMENSION).value(telemetry.function());
            json.name("event").value(name);
            if (dimensionName != null) {
                json.name(dimensionName).value(dimensionValue);
            }
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                json.name(field.getKey());
                if (field.getValue() instanceof Long number) {
                    json.value(number.longValue());
                } else {
                    json.value((String) field.getValue());
                }
            }
            if (errorTrace != null) {
                json.name("exception").value(errorTrace);
            }
            if (!metrics.isEmpty()) {
                for (Map.Entry<String, Metric> metric : metrics.entrySet()) {
                    json.name(metric.getKey()).value(metric.getValue().value());
                }
                json.name("_aws").beginObject();
                json.name("Timestamp").value(now.toEpochMilli());
                json.name("CloudWatchMetrics").beginArray().beginObject();
                json.name("Namespace").value(Telemetry.NAMESPACE);
                json.name("Dimensions").beginArray();
                json.beginArray().value(Telemetry.FUNCTION_DIMENSION).endArray();
                if (dimensionName != null) {
                    json.beginArray().value(Telemetry.FUNCTION_DIMENSION).value(dimensionName).endArray();
                }
                json.endArray();
                json.name("Metrics").beginArray();
                for (Map.Entry<String, Metric> metric : metrics.entrySet()) {
                    json.beginObject();
                    json.name("Name").value(metric.getKey());
                    json.name("Unit").value(metric.getValue().unit().emfName());
                    json.endObject();
                }
                json.endArray();
                json.endObject().endArray();
                json.endObject();
            }
            json.endObject();
        });
    }

    /** {@code 23:15:01.123 tickets ticket_issued key=abc.png size=48213} plus the trace on the lines below. */
    String text() {
        StringBuilder line = new StringBuilder();
        line.append(LocalTime.ofInstant(telemetry.clock().instant(), zone()).format(CLOCK_TIME)).append(' ');
        line.append(telemetry.function()).append(' ').append(name);
        if (!"INFO".equals(level)) {
            line.append(' ').append(level);
        }
        if (dimensionName != null) {
            line.append(' ').append(dimensionName).append('=').append(dimensionValue);
        }
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            line.append(' ').append(field.getKey()).append('=').append(field.getValue());
        }
        if (errorTrace != null) {
            line.append(System.lineSeparator()).append(errorTrace.stripTrailing());
        }
        return line.toString();
    }

    private ZoneId zone() {
        return telemetry.clock().getZone();
    }

    /** A name for a root member that no other member of this event has (EMF needs each to mean one thing). */
    private String checkedName(String candidate) {
        if (candidate == null || !NAME.matcher(candidate).matches() || RESERVED.contains(candidate)) {
            throw new IllegalArgumentException("not a log field or metric name: " + candidate);
        }
        boolean taken = fields.containsKey(candidate) || metrics.containsKey(candidate)
                || candidate.equals(dimensionName);
        if (taken) {
            throw new IllegalArgumentException(candidate + " is in this event already");
        }
        return candidate;
    }
}
