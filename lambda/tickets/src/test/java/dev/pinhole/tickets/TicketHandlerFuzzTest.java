package dev.pinhole.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Coverage-guided fuzzing of the whole handler, from API Gateway event to response, with the real signer.
 *
 * <p>In the normal test run Jazzer replays every input committed under
 * {@code src/test/resources/dev/pinhole/tickets/TicketHandlerFuzzTestInputs/handler_answersEveryRequestWith2xxOr4xxJson/}
 * (one file per input class; see {@link FuzzInput} for the format). {@code JAZZER_FUZZ=1} fuzzes instead,
 * for {@code maxDuration} or {@code -Djazzer.max_duration=30m}; findings land in that folder as crash-* files.
 */
class TicketHandlerFuzzTest {
    static final String BUCKET = "pinhole-fuzz";
    static final Path CORPUS = Path.of("src/test/resources/dev/pinhole/tickets/TicketHandlerFuzzTestInputs/"
            + "handler_answersEveryRequestWith2xxOr4xxJson");

    /** One handler per configuration, built once like the runtime does; presigning needs no network. */
    private static final Map<String, TicketHandler> HANDLERS = new HashMap<>();

    static {
        for (boolean token : new boolean[] {false, true}) {
            for (boolean cors : new boolean[] {false, true}) {
                HANDLERS.put(key(token, cors), handler(token, cors));
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({"POST", "GET", "OPTIONS", "/api/uploads", "/api/limits", " b64", " b64flag", " token", " cors",
            " nobody", " x4000", "x-pinhole-token: ", "origin: ", "{\"extension\":", "\"size\":", "\"sha256\":",
            "\"png\"", "\"jpg\"", "\"avif\"", "\"svg\"", "1048576", "1048577", "1e309", "-0", "0.5", "null", "u0000",
            "\"lifetime\":", "\"forever\"", "\"7d\"", "\"90d\""})
    void handler_answersEveryRequestWith2xxOr4xxJson(byte[] data) {
        FuzzInput in = FuzzInput.parse(data);
        TicketHandler handler = HANDLERS.get(key(in.has("token"), in.has("cors")));

        APIGatewayV2HTTPResponse response = handler.handleRequest(in.event(), null);

        FuzzOracle.check(in, response);
    }

    /** The regression run is only as good as its corpus: it must be there and name every input class. */
    @Test
    void corpus_isCommittedWithOneFileForEachInputClass() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            long count = files.filter(Files::isRegularFile).count();
            assertTrue(count >= 40, "only " + count + " corpus files in " + CORPUS.toAbsolutePath());
        }
    }

    /**
     * The corpus names say what each input is; inputs named ok-* must get a ticket and no other input may.
     * Writes every input's outcome to target/fuzz-corpus-outcomes.md (copied into docs/SECURITY.md).
     */
    @Test
    void corpus_onlyInputsNamedOkGetATicket() throws IOException {
        StringBuilder table = new StringBuilder("| input class (corpus file) | status | error code |\n|---|---|---|\n");
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                FuzzInput in = FuzzInput.parse(Files.readAllBytes(file));
                APIGatewayV2HTTPResponse response = HANDLERS.get(key(in.has("token"), in.has("cors")))
                        .handleRequest(in.event(), null);
                String body = response.getBody();
                String code = body == null || !body.contains("\"error\"") ? "" : JsonParser.parseString(body)
                        .getAsJsonObject().getAsJsonObject("error").get("code").getAsString();
                table.append("| ").append(name).append(" | ").append(response.getStatusCode()).append(" | ")
                        .append(code).append(" |\n");
                if (name.startsWith("ok-") != (response.getStatusCode() == 201)) {
                    wrong.add(name + " -> " + response.getStatusCode());
                }
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/fuzz-corpus-outcomes.md"), table);
        assertEquals(List.of(), wrong);
    }

    private static String key(boolean token, boolean cors) {
        return token + "/" + cors;
    }

    private static TicketHandler handler(boolean token, boolean cors) {
        Map<String, String> env = new HashMap<>(Map.of(
                TicketConfig.BUCKET, BUCKET,
                TicketConfig.REGION, "us-east-1",
                TicketConfig.PUBLIC_BASE_URL, FuzzOracle.PUBLIC_BASE,
                TicketConfig.MAX_UPLOAD_BYTES, Long.toString(FuzzOracle.MAX_BYTES),
                TicketConfig.ALLOWED_EXTENSIONS, String.join(",", FuzzOracle.ALLOWED.keySet()),
                TicketConfig.S3_ENDPOINT, "http://127.0.0.1:9000",
                TicketConfig.S3_PATH_STYLE, "true"));
        if (token) {
            env.put(TicketConfig.UPLOAD_TOKEN, FuzzOracle.TOKEN);
        }
        if (cors) {
            env.put(TicketConfig.ALLOWED_ORIGINS, FuzzOracle.ORIGIN);
        }
        TicketConfig config = TicketConfig.fromEnvironment(env);
        return new TicketHandler(config,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFUZZ", "fuzz-secret")))
                .withTelemetry(TicketTesting.QUIET);
    }
}
