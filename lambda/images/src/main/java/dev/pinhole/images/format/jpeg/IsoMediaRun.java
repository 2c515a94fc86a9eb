package dev.pinhole.images.format.jpeg;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.nio.charset.StandardCharsets;

/** Checks that a byte range is an MP4 (ISO base media) file: an 'ftyp' box, then boxes that tile the range. */
final class IsoMediaRun {
    private static final byte[] FTYP = "ftyp".getBytes(StandardCharsets.US_ASCII);

    private IsoMediaRun() {
    }

    static void check(byte[] image, int from, int to, int maxBoxes) {
        if (to - from < 8 || !Bytes.startsWith(image, from + 4L, FTYP)) {
            throw notVideo(from, "does not start with an MP4 'ftyp' box");
        }
        long pos = from;
        int boxes = 0;
        while (pos < to) {
            if (to - pos < 8) {
                throw notVideo(from, "ends inside a box header");
            }
            long size = Bytes.u32be(image, pos, "an MP4 box");
            int header = 8;
            if (size == 1) {
                if (to - pos < 16) {
                    throw notVideo(from, "ends inside a box header");
                }
                size = Bytes.u32be(image, pos + 8, "an MP4 box") << 32 | Bytes.u32be(image, pos + 12, "an MP4 box");
                header = 16;
            } else if (size == 0) {
                size = to - pos;
            }
            if (size < header || size > to - pos) {
                throw notVideo(from, "has a box of " + size + " bytes at byte " + pos + " that does not fit");
            }
            pos += size;
            if (++boxes > maxBoxes) {
                throw new Refusal(RefusalReason.TOO_COMPLEX, "the motion-photo video has more than " + maxBoxes + " boxes");
            }
        }
    }

    private static Refusal notVideo(int from, String why) {
        return new Refusal(RefusalReason.TRAILING_DATA,
                "the data after the image at byte " + from + " is declared as a motion-photo video but " + why);
    }
}
