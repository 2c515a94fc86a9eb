package dev.pinhole.clitest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pinhole.local.LocalOptions;
import dev.pinhole.local.LocalSettings;
import dev.pinhole.local.LocalStack;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server with settings of its own: an upload token and a small size limit. */
class PrivateServerTest {
    static final String TOKEN = "correct horse battery staple";
    static final long LIMIT = 5000;

    @TempDir
    static Path data;
    static LocalStack stack;

    @TempDir
    Path sandbox;
    UploadScript script;
    Path image;

    @BeforeAll
    static void startStack() {
        UploadScript.requireTools();
        stack = LocalStack.start(LocalSettings.forTests(data), Map.of(
                "PINHOLE_UPLOAD_TOKEN", TOKEN, "PINHOLE_MAX_UPLOAD_BYTES", Long.toString(LIMIT)), LocalOptions.TESTS);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void sandbox() {
        script = new UploadScript(sandbox).env("PINHOLE_URL", stack.baseUrl().toString());
        image = script.file("small.png", SampleImages.png(16, 16));
    }

    private static void assertUploaded(UploadScript.Result result, byte[] expected) {
        Links.assertServes(result.exits(0).stdout().strip(), expected, "image/png");
    }

    @Test
    void withoutToken_isRefused_exit4_andSaysWhereTheTokenGoes() {
        UploadScript.Result result = script.run(image.toString());

        result.exits(4).saysOnStderr("This Pinhole requires an upload token")
                .saysOnStderr("--token, the PINHOLE_TOKEN variable or 'token = ...' in");
        assertEquals("", result.stdout());
    }

    @Test
    void wrongToken_isRefused_exit4() {
        script.env("PINHOLE_TOKEN", "guess").run(image.toString()).exits(4)
                .saysOnStderr("The upload token in the x-pinhole-token header is wrong.");
    }

    @Test
    void token_fromOption_isAccepted() throws Exception {
        assertUploaded(script.run("--token", TOKEN, image.toString()), Files.readAllBytes(image));
    }

    @Test
    void token_fromVariable_isAccepted() throws Exception {
        assertUploaded(script.env("PINHOLE_TOKEN", TOKEN).run(image.toString()),
                Files.readAllBytes(image));
    }

    @Test
    void token_fromConfigFile_isAccepted() throws Exception {
        script.config("token = " + TOKEN + "\n");

        assertUploaded(script.run(image.toString()), Files.readAllBytes(image));
    }

    @Test
    void fileOverTheLimit_isRefused_exit4_namingTheLimit() {
        Path big = script.file("big.png", SampleImages.noisyPng((int) LIMIT + 1, 7));

        UploadScript.Result result = script.env("PINHOLE_TOKEN", TOKEN).run(big.toString());

        result.exits(4).saysOnStderr("upload.sh: " + big + ": refused by the server: "
                + "The file is larger than the limit of 4.9 KiB (5000 bytes).");
        assertEquals("", result.stdout());
    }

    @Test
    void fileOfExactlyTheLimit_isUploaded_thenJudgedByThePublisher() {
        byte[] bytes = new byte[(int) LIMIT];
        byte[] png = SampleImages.png(16, 16);
        System.arraycopy(png, 0, bytes, 0, png.length);
        Path exact = script.file("exact.png", bytes);

        UploadScript.Result result = script.env("PINHOLE_TOKEN", TOKEN).run(exact.toString());

        // Then the ticket and the upload at exactly the limit are accepted (over it, the ticket would be refused
        // as too large); the publisher then judges the bytes, and a PNG padded with zeros has data after its end
        result.exits(4).saysOnStderr("refused by the server: The file carries other data after the end of the image.");
        assertEquals("", result.stdout());
    }
}
