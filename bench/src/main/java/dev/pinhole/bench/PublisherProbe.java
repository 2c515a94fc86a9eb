package dev.pinhole.bench;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.pinhole.images.publish.Outcome;
import dev.pinhole.images.publish.PublishHandler;
import dev.pinhole.images.publish.PublisherConfig;
import dev.pinhole.images.store.S3Clients;
import dev.pinhole.local.StandInFormats;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The publisher alone in its own JVM, as on Lambda: publishes the uploads named on the command line (already in
 * the bucket, without events) one after another and prints each one's milliseconds. Exits 0 only when every one
 * was published; run by {@link PublisherCost} with shrinking -Xmx to find the heap a publish needs.
 *
 * <p>Usage: {@code PublisherProbe IDENTITY SECRET UPLOAD_KEY...}; the store settings come from the environment,
 * as the function reads them (PINHOLE_BUCKET, AWS_REGION, PINHOLE_S3_ENDPOINT, PINHOLE_S3_PATH_STYLE).
 */
public final class PublisherProbe {
    private PublisherProbe() {
    }

    public static void main(String[] args) {
        PublisherConfig config = PublisherConfig.fromEnvironment(System.getenv());
        S3Client s3 = S3Clients.create(config.store(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(args[0], args[1])));
        PublishHandler publisher = new PublishHandler(s3, config.store().bucket(), StandInFormats.whereMissing(),
                config.limits(), Clock.systemUTC());
        var serializer = LambdaEventSerializers.serializerFor(S3Event.class, PublisherProbe.class.getClassLoader());
        boolean allPublished = true;
        for (int i = 2; i < args.length; i++) {
            String json = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\""
                    + config.store().region() + "\",\"eventTime\":\"2026-01-01T00:00:00.000Z\","
                    + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\""
                    + config.store().bucket() + "\"},\"object\":{\"key\":\"" + args[i] + "\",\"size\":0}}}]}";
            long start = System.nanoTime();
            List<Outcome> outcomes = publisher.publishAll(serializer.fromJson(json));
            long micros = (System.nanoTime() - start) / 1000;
            System.out.println("ms\t" + micros / 1000.0 + "\t" + outcomes);
            allPublished &= outcomes.equals(List.of(Outcome.PUBLISHED));
        }
        System.exit(allPublished ? 0 : 1);
    }
}
