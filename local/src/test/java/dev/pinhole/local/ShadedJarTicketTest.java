package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import dev.pinhole.testkit.TicketClient.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar that ships to Lambda, on its own: the shade filters in lambda/tickets/pom.xml drop most of the SDK,
 * so this runs that very jar in a fresh JVM (Lambda's flags, nothing else on the class path), has it
 * issue a ticket configured from the environment, and uploads with the ticket to a real S3 server.
 */
class ShadedJarTicketTest {
    static final Path LAMBDA_TARGET = Path.of("..", "lambda", "tickets", "target");

    @Test
    void shadedJar_inAFreshJvm_issuesATicketThatS3ProxyAccepts(@TempDir Path data) throws Exception {
        byte[] image = SampleImages.png(64, 48);
        String request = "{\"extension\":\"png\",\"size\":" + image.length
                + ",\"sha256\":\"" + TicketClient.sha256Base64(image) + "\"}";
        try (LocalStack stack = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS)) {
            // Given the shaded jar, configured the way Lambda configures it
            ProcessBuilder java = new ProcessBuilder(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", shadedJar().toString(), "dev.pinhole.tickets.IssueOneTicket", request);
            lambdaEnvironment(java.environment(), stack);

            // When it issues a ticket in its own JVM
            Finished run = run(java, data);

            // Then the ticket works against S3Proxy, and the JVM said nothing on stderr (no slf4j warning)
            assertEquals(0, run.exitCode(), "stdout: " + run.stdout() + "\nstderr: " + run.stderr());
            assertFalse(run.stderr().contains("SLF4J"), run.stderr());
            JsonObject ticket = JsonParser.parseString(run.stdout()).getAsJsonObject();
            TicketClient client = new TicketClient(stack.baseUrl());
            Reply put = client.upload(ticket, image);
            assertEquals(200, put.status(), put.text());
            assertEquals("published", client.awaitOutcome(ticket).get("state").getAsString());
            Reply link = client.get(URI.create(ticket.get("url").getAsString()), Map.of());
            assertArrayEquals(image, link.body());
            assertTrue(stack.store().blobExists(stack.bucket(), ticket.get("key").getAsString()));
        }
    }

    @Test
    void shadedJar_withSnapStartStyleCredentials_fetchesThemFromTheRuntimeEndpoint(@TempDir Path data)
            throws Exception {
        byte[] image = SampleImages.png(40, 30);
        String request = "{\"extension\":\"png\",\"size\":" + image.length + "}";
        HttpServer credentialsEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger fetches = new AtomicInteger();
        try (LocalStack stack = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS)) {
            // Given no key variables, only the endpoint and token the runtime gives a SnapStart function
            credentialsEndpoint.createContext("/2018-06-01/credentials", exchange -> {
                try (exchange) {
                    boolean authorised = "runtime-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
                    byte[] body = ("{\"AccessKeyId\":\"" + stack.s3Credentials().identity() + "\","
                            + "\"SecretAccessKey\":\"" + stack.s3Credentials().secret() + "\","
                            + "\"Token\":\"session-token\",\"Expiration\":\"2099-01-01T00:00:00Z\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    if (authorised) {
                        fetches.incrementAndGet();
                    }
                    exchange.sendResponseHeaders(authorised ? 200 : 401, authorised ? body.length : -1);
                    if (authorised) {
                        exchange.getResponseBody().write(body);
                    }
                }
            });
            credentialsEndpoint.start();
            ProcessBuilder java = new ProcessBuilder(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", shadedJar().toString(), "dev.pinhole.tickets.IssueOneTicket", request);
            lambdaEnvironment(java.environment(), stack);
            java.environment().remove("AWS_ACCESS_KEY_ID");
            java.environment().remove("AWS_SECRET_ACCESS_KEY");
            java.environment().put("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    "http://127.0.0.1:" + credentialsEndpoint.getAddress().getPort() + "/2018-06-01/credentials");
            java.environment().put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "runtime-token");

            // When the shaded jar issues a ticket
            Finished run = run(java, data);

            // Then it fetched the role's credentials from the endpoint and signed with them
            assertEquals(0, run.exitCode(), "stdout: " + run.stdout() + "\nstderr: " + run.stderr());
            assertEquals(1, fetches.get());
            JsonObject ticket = JsonParser.parseString(run.stdout()).getAsJsonObject();
            String url = ticket.getAsJsonObject("upload").get("url").getAsString();
            assertTrue(url.contains("X-Amz-Security-Token=session-token"), url);
            assertTrue(url.contains("X-Amz-Credential=" + stack.s3Credentials().identity()), url);
        } finally {
            credentialsEndpoint.stop(0);
        }
    }

    private static Path shadedJar() throws IOException {
        if (!Files.isDirectory(LAMBDA_TARGET)) {
            fail("lambda/tickets/target does not exist: build the lambda module first (mvn -pl local -am verify)");
        }
        try (Stream<Path> files = Files.list(LAMBDA_TARGET)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("pinhole-tickets-.*-aws\\.jar"))
                    .toList();
            if (jars.size() != 1) {
                fail("expected one shaded jar in lambda/tickets/target, found " + jars);
            }
            return jars.get(0).toAbsolutePath();
        }
    }

    /** Only what Lambda would set: no class path, no AWS profile, no JAVA_TOOL_OPTIONS leaking in. */
    private static void lambdaEnvironment(Map<String, String> env, LocalStack stack) {
        env.clear();
        env.put("PINHOLE_BUCKET", stack.bucket());
        env.put("AWS_REGION", LocalStack.REGION);
        env.put("PINHOLE_PUBLIC_BASE_URL", stack.baseUrl().toString());
        env.put("PINHOLE_S3_ENDPOINT", stack.s3Endpoint().toString());
        env.put("PINHOLE_S3_PATH_STYLE", "true");
        env.put("AWS_ACCESS_KEY_ID", stack.s3Credentials().identity());
        env.put("AWS_SECRET_ACCESS_KEY", stack.s3Credentials().secret());
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Finished run(ProcessBuilder builder, Path scratch) throws Exception {
        Path out = scratch.resolve("stdout.txt");
        Path err = scratch.resolve("stderr.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the shaded jar did not answer within 60 seconds");
        }
        return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8).trim(),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Finished(int exitCode, String stdout, String stderr) {
    }
}
