package dev.pinhole.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pinhole.testkit.EmfSpecification;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogEventTest {
    private static final Instant NOW = Instant.parse("2026-12-01T23:15:01.123Z");
    private final List<String> lines = new ArrayList<>();
    private final Telemetry json = new Telemetry("tickets", Telemetry.Style.JSON, lines::add,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aMetricEventIsOneLineThatIsAValidEmfDocument() {
        json.event("ticket_refused").requestId("abc-123").dimension("ErrorCode", "too_large")
                .field("size", 99_000_000L).count("TicketsRefused").emit();

        assertEquals(1, lines.size());
        String line = lines.get(0);
        assertFalse(line.contains("\n"), line);
        assertEquals(List.of(), EmfSpecification.violations(line));
        JsonObject root = JsonParser.parseString(line).getAsJsonObject();
        assertEquals("tickets", root.get("Function").getAsString());
        assertEquals("too_large", root.get("ErrorCode").getAsString());
        assertEquals(1, root.get("TicketsRefused").getAsInt());
        assertEquals(NOW.toEpochMilli(), root.getAsJsonObject("_aws").get("Timestamp").getAsLong());
        assertEquals("[[\"Function\"],[\"Function\",\"ErrorCode\"]]", root.getAsJsonObject("_aws")
                .getAsJsonArray("CloudWatchMetrics").get(0).getAsJsonObject().get("Dimensions").toString());
    }

    @Test
    void severalMetricsWithUnits() {
        json.event("published").field("key", "i/x.png").count("UploadsPublished")
                .metric("PublishLatency", MetricUnit.MILLISECONDS, 412.5)
                .metric("BytesPublished", MetricUnit.BYTES, 48_213).emit();

        String line = lines.get(0);
        assertEquals(List.of(), EmfSpecification.violations(line));
        assertTrue(line.contains("{\"Name\":\"PublishLatency\",\"Unit\":\"Milliseconds\"}"), line);
        assertTrue(line.contains("{\"Name\":\"BytesPublished\",\"Unit\":\"Bytes\"}"), line);
    }

    @Test
    void anEventWithoutMetricsIsAPlainJsonLine() {
        json.event("started").field("bucket", "b").emit();

        JsonObject root = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertFalse(root.has("_aws"));
        assertEquals("started", root.get("event").getAsString());
    }

    @Test
    void anErrorCarriesItsWholeStackOnTheOneLine() {
        RuntimeException fault = new IllegalStateException("outer", new java.io.IOException("inner cause"));

        json.event("internal_error").requestId("r-1").error(fault).count("InternalErrors").emit();

        String line = lines.get(0);
        assertFalse(line.contains("\n"), "one line, so that CloudWatch keeps one event");
        JsonObject root = JsonParser.parseString(line).getAsJsonObject();
        assertEquals("ERROR", root.get("level").getAsString());
        String trace = root.get("exception").getAsString();
        assertTrue(trace.contains("IllegalStateException: outer") && trace.contains("Caused by: java.io.IOException: "
                + "inner cause") && trace.contains("\tat "), trace);
        assertEquals(List.of(), EmfSpecification.violations(line));
    }

    @Test
    void namesThatWouldBreakTheDocumentAreRefused() {
        LogEvent event = json.event("x");
        assertThrows(IllegalArgumentException.class, () -> event.field("_aws", "v"));
        assertThrows(IllegalArgumentException.class, () -> event.field("Function", "v"));
        assertThrows(IllegalArgumentException.class, () -> event.field("has space", "v"));
        event.count("Things");
        assertThrows(IllegalArgumentException.class, () -> event.field("Things", "v"), "a field over a metric");
        assertThrows(IllegalArgumentException.class, () -> event.metric("Nan", MetricUnit.COUNT, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> json.event("not an event"));
    }

    @Test
    void longValuesAreCut() {
        json.event("x").field("detail", "y".repeat(5000)).emit();

        assertTrue(lines.get(0).length() < 1200, "a field is at most 1024 characters and an ellipsis");
    }

    @Test
    void theReadableStyleIsOneShortLine() {
        Telemetry readable = new Telemetry("publisher", Telemetry.Style.TEXT, lines::add,
                Clock.fixed(NOW, ZoneOffset.UTC));

        readable.event("refused").dimension("Reason", "not_an_image").field("key", "abc.png").count("UploadsRefused")
                .emit();

        assertEquals("23:15:01.123 publisher refused Reason=not_an_image key=abc.png", lines.get(0));
    }

    @Test
    void theJudgeCatchesBrokenDocuments() {
        // The checker itself must be able to fail, or passing it means nothing.
        String valid = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"P\",\"Dimensions\":"
                + "[[\"Function\"]],\"Metrics\":[{\"Name\":\"M\",\"Unit\":\"Count\"}]}]},\"Function\":\"f\",\"M\":1}";
        assertEquals(List.of(), EmfSpecification.violations(valid));
        assertFalse(EmfSpecification.violations(valid.replace("\"M\":1}", "\"M\":\"1\"}")).isEmpty(),
                "metric value a string");
        assertFalse(EmfSpecification.violations(valid.replace(",\"Function\":\"f\"", "")).isEmpty(),
                "dimension member missing");
        assertFalse(EmfSpecification.violations(valid.replace("\"Count\"", "\"Counts\"")).isEmpty(), "unit");
        assertFalse(EmfSpecification.violations(valid.replace("\"Timestamp\":1,", "")).isEmpty(), "timestamp");
        assertFalse(EmfSpecification.violations(valid.replace("\"Namespace\":\"P\",", "")).isEmpty(), "namespace");
        assertFalse(EmfSpecification.violations(valid.replace("{\"Name\":\"M\",", "{\"Name\":\"M\",\"Extra\":1,"))
                .isEmpty(), "an unknown member of a metric definition");
    }
}
