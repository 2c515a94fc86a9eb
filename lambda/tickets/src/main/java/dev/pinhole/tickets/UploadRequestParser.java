package dev.pinhole.tickets;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.pinhole.core.ApiException;
import dev.pinhole.core.ErrorCode;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {"extension": "png", "size": 48213, "sha256": "...", "lifetime": "7d"} with a strict streaming reader.
 *
 * <p>Streaming rather than a JSON tree, because a tree silently keeps the last of two duplicate keys
 * while another parser in the chain might keep the first; here duplicates and unknown fields are
 * refused, and nothing nested is ever built, however deep the input.
 */
final class UploadRequestParser {
    private static final String EXAMPLE = "Send JSON such as {\"extension\":\"png\",\"size\":48213}.";

    private UploadRequestParser() {
    }

    static UploadRequest parse(String json) {
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            UploadRequest request = readObject(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw invalidJson();
            }
            return request;
        } catch (IOException | IllegalStateException | NumberFormatException malformed) {
            throw invalidJson();
        }
    }

    private static UploadRequest readObject(JsonReader reader) throws IOException {
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The request body must be a JSON object. " + EXAMPLE);
        }
        String extension = null;
        BigDecimal size = null;
        String sha256 = null;
        String lifetime = null;
        Set<String> seen = new HashSet<>();
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (!seen.add(name)) {
                throw new ApiException(ErrorCode.DUPLICATE_FIELD, "The field '" + printable(name) + "' appears twice.");
            }
            switch (name) {
                case "extension" -> extension = string(reader, name);
                case "size" -> size = number(reader);
                case "sha256" -> sha256 = reader.peek() == JsonToken.NULL ? skipNull(reader) : string(reader, name);
                case "lifetime" -> lifetime = reader.peek() == JsonToken.NULL ? skipNull(reader) : lifetime(reader);
                default -> throw new ApiException(ErrorCode.UNKNOWN_FIELD, "Unknown field '" + printable(name)
                        + "'. The fields are extension, size and the optional sha256 and lifetime.");
            }
        }
        reader.endObject();
        if (extension == null) {
            throw new ApiException(ErrorCode.MISSING_FIELD, "The field 'extension' is missing. " + EXAMPLE);
        }
        if (size == null) {
            throw new ApiException(ErrorCode.MISSING_FIELD, "The field 'size' is missing. " + EXAMPLE);
        }
        return new UploadRequest(extension, size, Optional.ofNullable(sha256), Optional.ofNullable(lifetime));
    }

    private static String string(JsonReader reader, String name) throws IOException {
        if (reader.peek() != JsonToken.STRING) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "The field '" + name + "' must be a string.");
        }
        return reader.nextString();
    }

    private static String lifetime(JsonReader reader) throws IOException {
        if (reader.peek() != JsonToken.STRING) {
            throw new ApiException(ErrorCode.INVALID_FIELD,
                    "The field 'lifetime' must be a string, such as \"7d\" or \"forever\".");
        }
        return reader.nextString();
    }

    private static BigDecimal number(JsonReader reader) throws IOException {
        if (reader.peek() != JsonToken.NUMBER) {
            throw new ApiException(ErrorCode.INVALID_FIELD,
                    "The field 'size' must be a number of bytes, such as 48213.");
        }
        // nextString() returns the literal as written, so no precision is lost to double or long.
        String literal = reader.nextString();
        try {
            return new BigDecimal(literal);
        } catch (NumberFormatException exponentOutOfRange) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "The field 'size' is not a usable number of bytes.");
        }
    }

    private static String skipNull(JsonReader reader) throws IOException {
        reader.nextNull();
        return null;
    }

    /** Field names are echoed in messages; keep them short and free of control characters. */
    private static String printable(String name) {
        String cleaned = name.codePoints().filter(c -> c >= 0x20 && c != 0x7f).limit(40)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() < name.length() ? cleaned + "..." : cleaned;
    }

    private static ApiException invalidJson() {
        return new ApiException(ErrorCode.INVALID_JSON, "The request body is not valid JSON. " + EXAMPLE);
    }
}
