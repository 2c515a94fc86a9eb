package dev.pinhole.clitest;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Tests that run the script, in a fresh sandbox, against the shared default stack. */
@ExtendWith(DefaultStack.class)
abstract class AgainstDefaultStack {
    @TempDir
    Path sandbox;
    UploadScript script;

    @BeforeEach
    void sandbox() {
        script = new UploadScript(sandbox).env("PINHOLE_URL", DefaultStack.baseUrl().toString());
    }
}
