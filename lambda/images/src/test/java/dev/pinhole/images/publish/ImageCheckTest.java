package dev.pinhole.images.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pinhole.core.log.Telemetry;
import dev.pinhole.images.format.ByteSplice;
import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.MetadataKind;
import dev.pinhole.images.format.MetadataPolicy;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What the check walks before publishing: the upload always, and again what a cleaner built as a new container
 * (a mistake in rewritten sizes must not publish a broken file), but not a splice of the upload's own parts.
 */
class ImageCheckTest {
    /** Accepts files that start with "ok", and records every file it was asked to inspect. */
    private static final class CountingFormat implements ImageFormat {
        final List<byte[]> inspected = new ArrayList<>();
        private final Function<byte[], Cleaning> cleaner;

        CountingFormat(Function<byte[], Cleaning> cleaner) {
            this.cleaner = cleaner;
        }

        @Override
        public Inspection inspect(byte[] image, InspectionLimits limits) {
            inspected.add(image);
            if (image.length < 2 || image[0] != 'o' || image[1] != 'k') {
                throw new Refusal(RefusalReason.MALFORMED, "no ok at the start");
            }
            return new Inspection(1, 1, 1);
        }

        @Override
        public Cleaning clean(byte[] image, MetadataPolicy policy) {
            return cleaner.apply(image);
        }
    }

    private static final byte[] UPLOAD = "ok, with GPS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static Verdict check(ImageFormat format) {
        Telemetry telemetry = new Telemetry("publisher", Telemetry.Style.JSON, line -> { }, Clock.systemUTC());
        return new ImageCheck(PublishLimits.DEFAULT).check("x.png", Optional.of(format), UPLOAD,
                new PublishLine(telemetry.event("publish")));
    }

    @Test
    void aSplice_isNotWalkedAgain_andStreamsTheKeptParts() throws Exception {
        CountingFormat format = new CountingFormat(image -> {
            ByteSplice parts = new ByteSplice(image);
            parts.keep(0, 2);
            return Cleaning.spliced(parts, Set.of(MetadataKind.LOCATION));
        });

        Verdict verdict = check(format);

        Cleaning cleaning = assertInstanceOf(Verdict.Accepted.class, verdict).cleaning();
        assertEquals(1, format.inspected.size(), "only the upload was walked");
        assertArrayEquals(new byte[] {'o', 'k'}, cleaning.newStream().readAllBytes());
        assertEquals(2, cleaning.length());
    }

    @Test
    void aRebuiltContainer_isWalkedAgain_andRefusedWhenTheCleanerBrokeIt() {
        CountingFormat format = new CountingFormat(image -> new Cleaning(new byte[] {'n', 'o'},
                Set.of(MetadataKind.LOCATION)));

        Verdict verdict = check(format);

        Verdict.Refused refused = assertInstanceOf(Verdict.Refused.class, verdict);
        assertEquals(RefusalReason.MALFORMED, refused.reason());
        assertEquals(2, format.inspected.size(), "the upload, then what the cleaner built");
        assertArrayEquals(new byte[] {'n', 'o'}, format.inspected.get(1));
    }

    @Test
    void aRebuiltContainerThatInspects_isAccepted() {
        CountingFormat format = new CountingFormat(image -> new Cleaning(new byte[] {'o', 'k', '!'},
                Set.of(MetadataKind.LOCATION)));

        Verdict verdict = check(format);

        assertArrayEquals(new byte[] {'o', 'k', '!'},
                assertInstanceOf(Verdict.Accepted.class, verdict).cleaning().bytes());
        assertEquals(2, format.inspected.size());
    }

    @Test
    void anUnchangedImage_isWalkedOnce_andIsTheUploadItself() {
        CountingFormat format = new CountingFormat(Cleaning::unchanged);

        Verdict verdict = check(format);

        assertSame(UPLOAD, assertInstanceOf(Verdict.Accepted.class, verdict).cleaning().bytes());
        assertEquals(1, format.inspected.size());
    }
}
