package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.testkit.RequiredTools;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's two-step curl example, run as written against a live local stack. */
class ReadmeCurlExampleTest {
    private static final String START = "<!-- curl-example:start -->";
    private static final String END = "<!-- curl-example:end -->";

    @Test
    void readmeExample_uploadsAPng_andItsLinkServesIdenticalBytes(@TempDir Path data, @TempDir Path work)
            throws Exception {
        Path bash = RequiredTools.require("bash", RequiredTools.onPath("bash"));
        RequiredTools.require("curl", RequiredTools.onPath("curl"));
        RequiredTools.require("jq", RequiredTools.onPath("jq"));
        RequiredTools.require("openssl", RequiredTools.onPath("openssl"));
        byte[] image = SampleImages.png(120, 90);
        Files.write(work.resolve("cat.png"), image);

        try (LocalStack stack = LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS)) {
            String script = readmeExample().replace("http://127.0.0.1:8080", stack.baseUrl().toString());
            Path file = work.resolve("example.sh");
            Files.writeString(file, "set -euo pipefail\n" + script);

            Process process = new ProcessBuilder(bash.toString(), file.toString())
                    .directory(work.toFile()).redirectErrorStream(true).start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the example did not finish");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);

            String[] lines = output.strip().split("\n");
            URI link = URI.create(lines[lines.length - 1].strip());
            TicketClient.Reply served = new TicketClient(stack.baseUrl()).get(link, Map.of());
            assertEquals(200, served.status());
            assertEquals("image/png", served.header("content-type"));
            assertArrayEquals(image, served.body());
        }
    }

    private static String readmeExample() throws IOException {
        String readme = Files.readString(repositoryRoot().resolve("README.md"));
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertTrue(start >= 0 && end > start, "README.md has no marked curl example");
        String block = readme.substring(start + START.length(), end);
        return block.substring(block.indexOf("```bash") + 7, block.lastIndexOf("```"));
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("README.md")) ? here : here.getParent();
    }
}
