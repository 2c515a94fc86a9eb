package dev.pinhole.clitest;

import dev.pinhole.local.LocalOptions;
import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local stack with default settings, shared by every test class that uses this extension: started
 * on first use (on a random port), stopped with its data when all tests are done (JUnit closes the
 * AutoCloseable values of its root store at the very end). Also checks, before anything starts, that the
 * script's tools are here.
 */
final class DefaultStack implements BeforeAllCallback {
    private static volatile TestStack running;

    @Override
    public void beforeAll(ExtensionContext context) {
        UploadScript.requireTools();
        running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(DefaultStack.class, key -> TestStack.start(LocalOptions.TESTS), TestStack.class);
    }

    static URI baseUrl() {
        return running.stack().baseUrl();
    }
}
