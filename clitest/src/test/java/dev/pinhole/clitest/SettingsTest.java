package dev.pinhole.clitest;

import static dev.pinhole.clitest.Links.JPEG;
import static dev.pinhole.clitest.Links.PNG;
import static dev.pinhole.clitest.Links.assertServes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where the script takes its settings from, and what it needs from the machine. */
class SettingsTest extends AgainstDefaultStack {
    @Test
    void endpoint_comesFromConfigFile_whenNeitherOptionNorVariableIsSet() {
        Path image = script.file("shot.png", PNG);
        script.env("PINHOLE_URL", "").config("# my Pinhole\n  endpoint = " + DefaultStack.baseUrl() + "/  \n");

        String link = script.run(image.toString()).exits(0).stdout().strip();

        assertServes(link, PNG, "image/png");
    }

    @Test
    void endpointOption_winsOverVariable_andVariableWinsOverConfigFile() {
        Path image = script.file("shot.png", PNG);
        String nowhere = "http://127.0.0.1:" + ScriptWithoutServerTest.closedPort();
        script.config("endpoint = " + nowhere + "\n");

        UploadScript.Result variableWins = script.run(image.toString());
        UploadScript.Result optionWins = script.env("PINHOLE_URL", nowhere)
                .run("--endpoint", DefaultStack.baseUrl().toString(), image.toString());

        assertServes(variableWins.exits(0).stdout().strip(), PNG, "image/png");
        assertServes(optionWins.exits(0).stdout().strip(), PNG, "image/png");
    }

    @Test
    void copy_putsTheLinksOnTheClipboard_andStillPrintsThem() throws IOException {
        Path bin = Files.createDirectories(sandbox.resolve("bin"));
        Path clipboard = sandbox.resolve("clipboard");
        Path fake = Files.writeString(bin.resolve("wl-copy"), "#!/bin/sh\ncat > '" + clipboard + "'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Path image = script.file("shot.png", PNG);
        script.env("WAYLAND_DISPLAY", "wayland-test").env("PATH", bin + ":" + System.getenv("PATH"));

        UploadScript.Result result = script.run("--copy", image.toString(), image.toString()).exits(0);

        assertEquals(2, result.lines().size());
        assertEquals(String.join("\n", result.lines()), Files.readString(clipboard));
    }

    @Test
    void needsNothingButBashCurlJqAndCoreutils() {
        Path image = script.file("shot.png", PNG);
        try (MinimalPath path = MinimalPath.with(sandbox.resolve("minimal-bin"), Set.of("curl", "jq"))) {
            UploadScript.Result result = script.env("PATH", path.path()).stdin(JPEG).run(image.toString(), "-");

            assertEquals(2, result.exits(0).lines().size(), result.stdout());
            assertServes(result.lines().get(0), PNG, "image/png");
            assertServes(result.lines().get(1), JPEG, "image/jpeg");
            assertFalse(path.has("sed") || path.has("openssl") || path.has("xxd"), "the PATH must hold only those");
        }
    }
}
