package dev.pinhole.local;

import dev.pinhole.core.ConfigurationException;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar local/target/pinhole-local.jar}: runs Pinhole on this machine until Ctrl-C. */
public final class PinholeLocal {
    private PinholeLocal() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            System.err.println("pinhole: takes no arguments; settings come from environment variables"
                    + " (PINHOLE_PORT, PINHOLE_DATA, ... see README.md).");
            System.exit(2);
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(LocalSettings.fromEnvironment(System.getenv()), System.getenv());
        } catch (StartupException | ConfigurationException cannotStart) {
            System.err.println("pinhole: " + cannotStart.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nPinhole stopped.");
            stack.close();
            stopped.countDown();
        }, "pinhole-shutdown"));
        System.out.println("Pinhole is running. Open " + stack.baseUrl() + "/ in your browser.");
        System.out.println("  API:   " + stack.baseUrl() + "/api/uploads   (S3 at " + stack.s3Endpoint() + ")");
        System.out.println("  Press Ctrl-C to stop.");
        stopped.await();
    }
}
