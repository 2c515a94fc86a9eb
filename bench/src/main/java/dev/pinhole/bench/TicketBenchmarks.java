package dev.pinhole.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pinhole.tickets.signing.UploadSigner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * What is measured warm, per request; the subclasses say on which JVM flags (JMH runs inherited
 * benchmark methods once per concrete subclass).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class TicketBenchmarks {
    /** Event in, response out: parse, policy, key, presign, JSON, headers. */
    @Benchmark
    public APIGatewayV2HTTPResponse handler(Fixture fixture) {
        return fixture.ticket();
    }

    /** The presign alone (UploadSigner), nothing of ours around it. */
    @Benchmark
    public UploadSigner.PresignedPut presign(Fixture fixture) {
        return fixture.presign();
    }

    /** For comparison: the same PUT through the SDK's S3Presigner, which Pinhole used before. */
    @Benchmark
    public PresignedPutObjectRequest presignS3Presigner(Fixture fixture) {
        return fixture.presignWithS3Presigner();
    }
}
