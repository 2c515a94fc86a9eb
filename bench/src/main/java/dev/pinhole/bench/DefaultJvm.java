package dev.pinhole.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** Warm cost per request on a JVM with its default flags (C2, G1). */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class DefaultJvm {
    /** Event in, response out: parse, policy, key, presign, JSON, headers. */
    @Benchmark
    public APIGatewayV2HTTPResponse handler(Fixture fixture) {
        return fixture.ticket();
    }

    /** The SDK presign of the same PUT, nothing of ours around it. */
    @Benchmark
    public PresignedPutObjectRequest presign(Fixture fixture) {
        return fixture.presign();
    }

    /** EXPERIMENT: the same PUT signed without S3Presigner (DirectSigV4), to size the presigner's own cost. */
    @Benchmark
    public URI presignDirect(Fixture fixture) {
        return fixture.presignDirect();
    }
}
