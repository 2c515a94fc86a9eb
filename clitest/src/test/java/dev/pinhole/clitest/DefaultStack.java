package dev.pinhole.clitest;

import dev.pinhole.local.LocalOptions;
import dev.pinhole.local.LocalSettings;
import dev.pinhole.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local stack with default settings, shared by every test class that uses this extension: started
 * on first use (on a random port), stopped with its data when all tests are done. Also checks, before
 * anything starts, that the script's tools are here.
 */
final class DefaultStack implements BeforeAllCallback {
    private static volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        UploadScript.requireTools();
        running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(DefaultStack.class, key -> Running.start(), Running.class);
    }

    static URI baseUrl() {
        return running.stack().baseUrl();
    }

    /** Closed by JUnit at the very end, as an AutoCloseable value of the root store. */
    private record Running(LocalStack stack, Path data) implements AutoCloseable {
        static Running start() {
            try {
                Path data = Files.createTempDirectory("pinhole-clitest");
                return new Running(LocalStack.start(LocalSettings.forTests(data), Map.of(), LocalOptions.TESTS), data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            stack.close();
            try (Stream<Path> files = Files.walk(data)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
