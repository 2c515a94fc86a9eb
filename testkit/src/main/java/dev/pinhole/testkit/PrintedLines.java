package dev.pinhole.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything a function printed while a test ran it: the lines its telemetry wrote to {@link #sink()}, and whatever
 * reached System.out and System.err besides (a stray println, a library's warning). The functions' "no secrets in
 * logs" tests grep all of it, and judge every metric line by {@link EmfSpecification}.
 */
public final class PrintedLines {
    private final List<String> sunk = Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    /** Where the function's telemetry writes in a test: {@code new Telemetry(name, JSON, printed.sink(), clock)}. */
    public Consumer<String> sink() {
        return sunk::add;
    }

    /** Runs {@code during} with System.out and System.err captured too (and restored after). */
    public void capture(Runnable during) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            during.run();
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    /** Forgets what was printed so far: for a test that tries a scenario again. */
    public void clear() {
        sunk.clear();
        console.reset();
    }

    /** Every line, the sink's first, then the console's. */
    public List<String> lines() {
        List<String> all = new ArrayList<>(sunk);
        String printed = console.toString(StandardCharsets.UTF_8);
        if (!printed.isEmpty()) {
            all.addAll(printed.lines().toList());
        }
        return all;
    }

    /** The whole of it, as one text to grep. */
    public String text() {
        return String.join("\n", lines());
    }

    /** What reached System.out and System.err (nothing, when the function writes only through its telemetry). */
    public String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** The lines that are JSON objects, parsed. */
    public List<JsonObject> jsonLines() {
        List<JsonObject> objects = new ArrayList<>();
        for (String line : lines()) {
            try {
                JsonElement parsed = JsonParser.parseString(line);
                if (parsed.isJsonObject()) {
                    objects.add(parsed.getAsJsonObject());
                }
            } catch (JsonSyntaxException notJson) {
                // a console line that is not one of the functions' lines; still grepped by assertNoneContains
            }
        }
        return objects;
    }

    /**
     * Asserts that every line which declares metrics ({@code _aws}) is a valid embedded-metric-format document, and
     * returns those lines' objects.
     */
    public List<JsonObject> assertMetricLinesValid() {
        List<JsonObject> metricLines = new ArrayList<>();
        for (String line : lines()) {
            if (line.contains("\"_aws\"")) {
                assertEquals(List.of(), EmfSpecification.violations(line), line);
                metricLines.add(JsonParser.parseString(line).getAsJsonObject());
            }
        }
        return metricLines;
    }

    /**
     * Asserts that exactly one line counts {@code metric} and, when {@code dimension} is not null, that it is counted
     * by that dimension with that value; returns the line.
     */
    public JsonObject assertOneMetric(String metric, String dimension, String value) {
        List<JsonObject> counting = assertMetricLinesValid().stream().filter(line -> declares(line, metric)).toList();
        assertEquals(1, counting.size(), () -> "lines counting " + metric + ": " + counting + "\nall:\n" + text());
        JsonObject line = counting.get(0);
        assertTrue(line.get(metric).getAsDouble() >= 0, line::toString);
        if (dimension != null) {
            assertEquals(value, line.get(dimension).getAsString(), line::toString);
            String dimensions = line.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics").get(0)
                    .getAsJsonObject().get("Dimensions").toString();
            assertTrue(dimensions.contains("\"" + dimension + "\""), dimensions);
        }
        return line;
    }

    /** Asserts that none of {@code secrets} appears anywhere in what was printed. */
    public void assertNoneContains(String... secrets) {
        String all = text();
        for (String secret : secrets) {
            assertFalse(secret == null || secret.isEmpty(), "a secret to look for");
            assertFalse(all.contains(secret), () -> "printed " + secret + ":\n" + all);
        }
    }

    private static boolean declares(JsonObject line, String metric) {
        for (JsonElement directive : line.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics")) {
            for (JsonElement definition : directive.getAsJsonObject().getAsJsonArray("Metrics")) {
                if (metric.equals(definition.getAsJsonObject().get("Name").getAsString())) {
                    return true;
                }
            }
        }
        return false;
    }
}
