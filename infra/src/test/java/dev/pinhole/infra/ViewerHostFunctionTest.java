package dev.pinhole.infra;

import dev.pinhole.testkit.RequiredTools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CloudFront Function's code, taken from template.yaml and run in node with a CloudFront viewer-request
 * event. Node is not CloudFront's JavaScript runtime, but the function uses nothing either lacks.
 */
class ViewerHostFunctionTest {
    @TempDir
    static Path dir;

    private static String code;

    @BeforeAll
    static void loadCode() {
        RequiredTools.require("Node.js (node)", RequiredTools.onPath("node"));
        RequiredTools.require("npm", RequiredTools.onPath("npm"));
        Template template = Template.load(Repo.TEMPLATE);
        code = String.valueOf(template.properties(template.single("AWS::CloudFront::Function")).get("FunctionCode"));
    }

    private static JsonObject run(String eventJson) throws Exception {
        Path script = dir.resolve("function.js");
        Files.writeString(script, code + "\nconsole.log(JSON.stringify(handler(" + eventJson + ")));\n");
        Process node = new ProcessBuilder("node", script.toString()).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
            throw new AssertionError("function failed: " + output);
        }
        return JsonParser.parseString(output).getAsJsonObject();
    }

    @Test
    void viewerRequest_carriesTheViewersHostToTheApi() throws Exception {
        JsonObject request = run("{\"request\":{\"method\":\"POST\",\"uri\":\"/api/uploads\",\"headers\":"
                + "{\"host\":{\"value\":\"d111.cloudfront.net\"}}}}");

        assertEquals("d111.cloudfront.net", request.getAsJsonObject("headers")
                .getAsJsonObject("x-pinhole-viewer-host").get("value").getAsString());
        assertEquals("/api/uploads", request.get("uri").getAsString());
    }

    @Test
    void viewerRequest_overwritesAViewerHostHeaderTheViewerMadeUp() throws Exception {
        JsonObject request = run("{\"request\":{\"method\":\"POST\",\"uri\":\"/api/uploads\",\"headers\":"
                + "{\"host\":{\"value\":\"img.example.com\"},\"x-pinhole-viewer-host\":{\"value\":\"evil.example\"}}}}");

        assertEquals("img.example.com", request.getAsJsonObject("headers")
                .getAsJsonObject("x-pinhole-viewer-host").get("value").getAsString());
    }
}
