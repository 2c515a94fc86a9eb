package dev.pinhole.images;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The requests an S3 client sent, as they went on the wire (after the SDK marshalled and signed them), and a hook
 * run after each one that S3 answered: for tests that look at headers S3Proxy does not keep, or that act at an exact
 * point between two of a function's requests.
 */
public final class WireLog implements ExecutionInterceptor {
    private final List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
    private volatile Consumer<SdkHttpRequest> afterEach = request -> { };

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        sent.add(context.httpRequest());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        afterEach.accept(context.httpRequest());
    }

    /**
     * A request that failed after it went out counts too: over the JDK's HttpURLConnection the SDK now and then
     * retries a PUT the store had already stored, and the retry's 412 fails the execution (see PublishHandlerTest).
     */
    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        context.httpRequest().ifPresent(afterEach);
    }

    public void afterEach(Consumer<SdkHttpRequest> hook) {
        this.afterEach = hook;
    }

    /** The last request of this method to this key's path, if one was sent. */
    public Optional<SdkHttpRequest> last(String method, String key) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            SdkHttpRequest request = sent.get(i);
            if (request.method().name().equals(method) && request.encodedPath().endsWith("/" + key)) {
                return Optional.of(request);
            }
        }
        return Optional.empty();
    }
}
