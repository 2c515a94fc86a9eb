package dev.pinhole.images.publish;

import dev.pinhole.core.Environment;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataPolicy;
import dev.pinhole.images.store.StoreConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the publisher is configured with, read once at start-up. The only place that knows its
 * environment variables; the README's configuration table and the template test mirror {@link #VARIABLES}.
 *
 * @param tagObjects whether published images with a lifetime are tagged {@code pinhole-lifetime=<label>} (the tag
 *                   S3 lifecycle rules remove them by). On by default, as S3 needs it; off only for a store without
 *                   object tagging: S3Proxy 4.1 answers a PUT with {@code x-amz-tagging} 501 NotImplemented, and
 *                   the local stack removes expired images itself, by their remove-after metadata.
 */
public record PublisherConfig(StoreConfig store, PublishLimits limits, boolean tagObjects) {
    /** The ticket function's variable: one stack parameter sets both. */
    public static final String MAX_UPLOAD_BYTES = "PINHOLE_MAX_UPLOAD_BYTES";
    public static final String MAX_PIXELS = "PINHOLE_MAX_PIXELS";
    public static final String MAX_FRAMES = "PINHOLE_MAX_FRAMES";
    public static final String MAX_PARTS = "PINHOLE_MAX_PARTS";
    public static final String KEEP_COPYRIGHT = "PINHOLE_KEEP_COPYRIGHT";
    /** Local stack only: S3Proxy has no object tagging. */
    public static final String S3_OBJECT_TAGGING = "PINHOLE_S3_OBJECT_TAGGING";

    /** The array an image is read into is indexed by int; S3's 5 GiB single-PUT limit is far beyond it. */
    static final long MAX_READABLE_BYTES = Integer.MAX_VALUE - 8;

    public static final List<String> VARIABLES = variables();

    public static PublisherConfig fromEnvironment(Map<String, String> variables) {
        Environment env = new Environment(variables);
        InspectionLimits inspection = new InspectionLimits(
                env.longInRange(MAX_PIXELS, InspectionLimits.DEFAULT_MAX_PIXELS, 1, 1L << 40),
                (int) env.longInRange(MAX_FRAMES, InspectionLimits.DEFAULT_MAX_FRAMES, 1, 100_000),
                (int) env.longInRange(MAX_PARTS, InspectionLimits.DEFAULT_MAX_PARTS, 1, 10_000_000));
        PublishLimits limits = new PublishLimits(
                env.longInRange(MAX_UPLOAD_BYTES, PublishLimits.DEFAULT_MAX_BYTES, 1, MAX_READABLE_BYTES),
                inspection,
                new MetadataPolicy(env.flag(KEEP_COPYRIGHT, false)));
        return new PublisherConfig(StoreConfig.from(env), limits, env.flag(S3_OBJECT_TAGGING, true));
    }

    private static List<String> variables() {
        List<String> names = new ArrayList<>(StoreConfig.VARIABLES);
        names.addAll(List.of(MAX_UPLOAD_BYTES, MAX_PIXELS, MAX_FRAMES, MAX_PARTS, KEEP_COPYRIGHT, S3_OBJECT_TAGGING));
        return List.copyOf(names);
    }
}
