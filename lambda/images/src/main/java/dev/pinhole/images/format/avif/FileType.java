package dev.pinhole.images.format.avif;

import dev.pinhole.images.format.Bytes;
import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import dev.pinhole.images.format.ImageSignatures;
import java.nio.charset.StandardCharsets;

/**
 * The 'ftyp' box that opens every ISO base media file: a major brand, a minor version, compatible brands.
 * An AVIF names 'avif' (a still) or 'avis' (an image sequence) among them.
 */
record FileType(boolean declaresSequence) {
    private static final byte[] FTYP = "ftyp".getBytes(StandardCharsets.US_ASCII);
    private static final int MIN_SIZE = 16;

    /** Reads the brands of the box at the start of the file; anything that is not an AVIF is refused here. */
    static FileType read(byte[] data) {
        if (!Bytes.startsWith(data, 4, FTYP)) {
            throw ImageSignatures.refuseAs("AVIF", data);
        }
        long size = Bytes.u32be(data, 0, "ftyp size");
        if (size < MIN_SIZE || (size - MIN_SIZE) % 4 != 0) {
            throw new Refusal(RefusalReason.MALFORMED, "the 'ftyp' box has " + size + " bytes, not 16 plus 4 per brand");
        }
        Bytes.require(data, 0, size, "the 'ftyp' box");
        boolean still = false;
        boolean sequence = false;
        for (long at = 8; at < size; at += 4) {
            if (at == 12) {
                continue; // minor_version, not a brand
            }
            String brand = Bytes.fourCc(data, at, "brand");
            still |= brand.equals("avif");
            sequence |= brand.equals("avis");
        }
        if (!still && !sequence) {
            throw ImageSignatures.recognise(data).filter(found -> !found.equals("AVIF"))
                    .map(found -> new Refusal(RefusalReason.WRONG_TYPE, "the file is a " + found
                            + " file (its 'ftyp' box names no AVIF brand)"))
                    .orElseGet(() -> new Refusal(RefusalReason.NOT_AN_IMAGE,
                            "the file's 'ftyp' box names no image brand (it is a video or another ISO media file)"));
        }
        return new FileType(sequence);
    }
}
