package dev.pinhole.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Judges a log line by the embedded metric format specification, independently of the code that wrote it: the
 * document's shape by a JSON Schema validator (networknt) against the schema in emf-document.schema.json, then the
 * rules a schema cannot express. Every module whose functions log metrics checks its lines with it.
 */
public final class EmfSpecification {
    /** CloudWatch Logs' limit on one event (the specification says log events are limited to 1 MB; older text 256 KB). */
    public static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = loadSchema();

    private EmfSpecification() {
    }

    /** Every way {@code line} breaks the specification; empty when it is a valid EMF document. */
    public static List<String> violations(String line) {
        List<String> problems = new ArrayList<>();
        if (line.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
            problems.add("over " + MAX_DOCUMENT_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (IOException notJson) {
            problems.add("not one JSON value: " + notJson.getMessage());
            return problems;
        }
        if (root == null || !root.isObject()) {
            problems.add("the root is not an object");
            return problems;
        }
        Set<ValidationMessage> messages = SCHEMA.validate(root);
        for (ValidationMessage message : messages) {
            problems.add(message.getMessage());
        }
        if (!messages.isEmpty()) {
            return problems;
        }
        for (JsonNode directive : root.get("_aws").get("CloudWatchMetrics")) {
            for (JsonNode dimensionSet : directive.get("Dimensions")) {
                for (JsonNode dimension : dimensionSet) {
                    JsonNode target = root.get(dimension.asText());
                    if (target == null || !target.isTextual()) {
                        problems.add("dimension " + dimension + " has no string member at the root");
                    } else if (target.asText().isEmpty() || target.asText().length() > 1024) {
                        problems.add("dimension " + dimension + " has a value of " + target.asText().length()
                                + " characters (1 to 1024)");
                    }
                }
            }
            for (JsonNode metric : directive.get("Metrics")) {
                JsonNode target = root.get(metric.get("Name").asText());
                if (target == null || !(target.isNumber() || isNumberArray(target))) {
                    problems.add("metric " + metric.get("Name") + " has no number (or array of at most 100) at the root");
                }
            }
        }
        return problems;
    }

    private static boolean isNumberArray(JsonNode node) {
        if (!node.isArray() || node.size() > 100) {
            return false;
        }
        for (JsonNode item : node) {
            if (!item.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = EmfSpecification.class.getResourceAsStream("/emf-document.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("emf-document.schema.json is not on the test class path");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
