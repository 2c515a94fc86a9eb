package dev.pinhole.images.format.png;

import static dev.pinhole.images.format.FormatTesting.assertRefused;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.images.format.InspectionLimits;
import dev.pinhole.images.format.RefusalReason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An animated PNG is published only when its frames are bounded and consistent. */
class ApngRefusalTest {
    private final PngFormat png = new PngFormat();

    @Test
    void inspect_refusesMoreFramesThanTheLimit() {
        // Given an APNG whose acTL declares 5,000 frames
        byte[] animation = rewrite(ApngBytes.animation(8, 8, 2), chunk -> chunk.type().equals("acTL")
                ? PngBytes.chunkBytes("acTL", PngRefusalTest.u32s(5_000, 0)) : chunk.bytes());

        // When inspected, Then the frame count alone refuses it
        assertRefused(RefusalReason.TOO_MANY_FRAMES, png, animation);
    }

    @Test
    void inspect_refusesAnimationOverAConfiguredFrameLimit() {
        byte[] animation = ApngBytes.animation(8, 8, 4);

        assertRefused(RefusalReason.TOO_MANY_FRAMES, png, animation, new InspectionLimits(1_000, 3, 1_000));
    }

    @Test
    void inspect_refusesAnimationOfNoFrames() {
        byte[] animation = rewrite(ApngBytes.animation(8, 8, 2), chunk -> chunk.type().equals("acTL")
                ? PngBytes.chunkBytes("acTL", PngRefusalTest.u32s(0, 0)) : chunk.bytes());

        assertRefused(RefusalReason.MALFORMED, png, animation);
    }

    @Test
    void inspect_refusesFrameCountThatDisagreesWithAcTl() {
        byte[] animation = rewrite(ApngBytes.animation(8, 8, 3), chunk -> chunk.type().equals("acTL")
                ? PngBytes.chunkBytes("acTL", PngRefusalTest.u32s(4, 0)) : chunk.bytes());

        assertRefused(RefusalReason.MALFORMED, png, animation);
    }

    @Test
    void inspect_refusesSequenceNumbersOutOfOrder() {
        // Given an APNG whose second fcTL claims sequence number 7 instead of 1
        byte[] animation = rewrite(ApngBytes.animation(8, 8, 3), chunk -> sequenceOf(chunk) == 1
                ? withSequence(chunk, 7) : chunk.bytes());

        String detail = assertRefused(RefusalReason.MALFORMED, png, animation);
        assertTrue(detail.contains("sequence"), detail);
    }

    @ParameterizedTest(name = "frame {0} x {1} at {2},{3} on an 8 x 8 canvas")
    @CsvSource({"9, 4, 0, 0", "4, 9, 0, 0", "4, 4, 5, 0", "4, 4, 0, 5", "0, 4, 0, 0", "4, 4, -1, 0"})
    void inspect_refusesFrameOutsideTheCanvas(int width, int height, int x, int y) {
        byte[] animation = rewrite(ApngBytes.animation(8, 8, 2), chunk -> sequenceOf(chunk) == 1
                ? PngBytes.chunkBytes("fcTL", ApngBytes.frameControl(1, width, height, x, y)) : chunk.bytes());

        assertRefused(RefusalReason.MALFORMED, png, animation);
    }

    @Test
    void inspect_refusesFirstFrameSmallerThanTheCanvas() {
        byte[] animation = rewrite(ApngBytes.animation(8, 8, 2), chunk -> sequenceOf(chunk) == 0
                ? PngBytes.chunkBytes("fcTL", ApngBytes.frameControl(0, 4, 4, 0, 0)) : chunk.bytes());

        assertRefused(RefusalReason.MALFORMED, png, animation);
    }

    @Test
    void inspect_refusesFrameControlWithoutAnimationControl() {
        // Given an APNG without its acTL: decoders skip the frames, so they would be data nobody sees
        byte[] animation = rewrite(ApngBytes.animation(8, 8, 2), chunk -> chunk.type().equals("acTL")
                ? new byte[0] : chunk.bytes());

        assertRefused(RefusalReason.MALFORMED, png, animation);
    }

    @Test
    void inspect_refusesAnimationControlAfterTheImageData() {
        byte[] still = ApngBytes.frame(8, 8, 0);
        byte[] animation = PngBytes.insert(still, chunk -> chunk.type().equals("IEND"),
                PngBytes.chunkBytes("acTL", PngRefusalTest.u32s(1, 0)));

        assertRefused(RefusalReason.MALFORMED, png, animation);
    }

    @Test
    void inspect_refusesFrameWithoutData() {
        // Given an APNG whose last frame's fdAT chunk is missing
        byte[] animation = rewrite(ApngBytes.animation(8, 8, 2), chunk -> chunk.type().equals("fdAT")
                ? new byte[0] : chunk.bytes());

        assertRefused(RefusalReason.MALFORMED, png, animation);
    }

    @Test
    void inspect_refusesFrameDataZipBomb() {
        // Given an APNG whose second frame (4 x 4 RGB: 52 bytes) inflates to 16 MiB
        byte[] bomb = PngBytes.zlib(new byte[16 << 20]);
        byte[] animation = rewrite(ApngBytes.animation(8, 8, 2), chunk -> chunk.type().equals("fdAT")
                ? PngBytes.chunkBytes("fdAT", ByteBuffer.allocate(4 + bomb.length).putInt(2).put(bomb).array())
                : chunk.bytes());

        assertRefused(RefusalReason.MALFORMED, png, animation);
    }

    @ParameterizedTest(name = "dispose {0}, blend {1}")
    @CsvSource({"3, 0", "0, 2"})
    void inspect_refusesUnknownDisposeOrBlend(int dispose, int blend) {
        byte[] animation = rewrite(ApngBytes.animation(8, 8, 2), chunk -> {
            if (sequenceOf(chunk) != 1) {
                return chunk.bytes();
            }
            byte[] control = ApngBytes.frameControl(1, 4, 4, 0, 0);
            control[24] = (byte) dispose;
            control[25] = (byte) blend;
            return PngBytes.chunkBytes("fcTL", control);
        });

        assertRefused(RefusalReason.MALFORMED, png, animation);
    }

    /** The fcTL or fdAT sequence number of {@code chunk}, or -1 for any other chunk. */
    private static long sequenceOf(PngBytes.Chunk chunk) {
        if (!chunk.type().equals("fcTL") && !chunk.type().equals("fdAT")) {
            return -1;
        }
        return ByteBuffer.wrap(chunk.bytes(), 8, 4).getInt();
    }

    private static byte[] withSequence(PngBytes.Chunk chunk, int sequence) {
        byte[] data = Arrays.copyOfRange(chunk.bytes(), 8, chunk.bytes().length - 4);
        ByteBuffer.wrap(data).putInt(sequence);
        return PngBytes.chunkBytes(chunk.type(), data);
    }

    /** {@code png} with every chunk replaced by what {@code change} makes of it (empty to remove it). */
    static byte[] rewrite(byte[] png, Function<PngBytes.Chunk, byte[]> change) {
        PngBytes result = PngBytes.start();
        for (PngBytes.Chunk chunk : PngBytes.chunks(png)) {
            result.raw(change.apply(chunk));
        }
        return result.bytes();
    }
}
