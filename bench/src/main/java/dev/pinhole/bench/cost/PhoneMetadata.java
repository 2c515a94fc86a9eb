package dev.pinhole.bench.cost;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What a phone writes into a JPEG before the picture, as JPEG segments: EXIF (camera make, model and serial
 * number, lens, exposure, dates, a maker note, the GPS position, and a preview thumbnail), an XMP packet (creator,
 * tool, date) with the whitespace padding XMP keeps for in-place edits, and an sRGB ICC profile. About 10 KB plus
 * the thumbnail, the order of what phones write; Pinhole's publisher must remove all of it but the profile.
 *
 * <p>Written here, not by exiftool, so the benchmark needs no tool and builds an image of any size in one pass.
 */
final class PhoneMetadata {
    /** Text that only the metadata carries: none of it may be left in a published image. */
    static final List<String> PRIVATE_TEXT = List.of("SN-4711-0815", "Jane Doe", "Phonemaker", "2026:06:01");
    private static final byte[] XMP_IDENTIFIER = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] XMP_START = ("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
            + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
            + " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\">\n"
            + "<dc:creator><rdf:Seq><rdf:li>Jane Doe</rdf:li></rdf:Seq></dc:creator>\n"
            + "<xmp:CreatorTool>Phonemaker Camera 17.1</xmp:CreatorTool>\n"
            + "<xmp:CreateDate>2026-06-01T12:00:00+02:00</xmp:CreateDate>\n"
            + "<photoshop:DateCreated>2026-06-01T12:00:00+02:00</photoshop:DateCreated>\n"
            + "</rdf:Description></rdf:RDF></x:xmpmeta>\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] XMP_END = "<?xpacket end=\"w\"?>".getBytes(StandardCharsets.US_ASCII);
    /** A segment's length field counts itself and the payload, and is 16 bits. */
    private static final int MAX_SEGMENT_PAYLOAD = 65_535 - 2;
    private static final int MAKER_NOTE_BYTES = 2_048;

    private PhoneMetadata() {
    }

    /**
     * The EXIF APP1 and the ICC APP2 segments, markers included, for a picture of {@code width} x {@code height}
     * pixels; their size does not depend on those.
     */
    static byte[] exifAndIcc(byte[] thumbnail, int width, int height) {
        ByteArrayOutputStream segments = new ByteArrayOutputStream();
        segments.writeBytes(segment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII),
                tiff(thumbnail, width, height))));
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        segments.writeBytes(segment(0xE2, concat("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII),
                new byte[] {1, 1}, icc)));
        return segments.toByteArray();
    }

    /** The XMP APP1 segment of exactly {@code bytes} bytes, padded with whitespace as XMP packets are. */
    static byte[] xmp(int bytes) {
        if (bytes < minimumXmpBytes() || bytes > maximumXmpBytes()) {
            throw new IllegalArgumentException("an XMP segment cannot be " + bytes + " bytes; it is "
                    + minimumXmpBytes() + " to " + maximumXmpBytes());
        }
        byte[] padding = new byte[bytes - minimumXmpBytes()];
        Arrays.fill(padding, (byte) ' ');
        for (int i = 99; i < padding.length; i += 100) {
            padding[i] = '\n'; // XMP's padding is lines of spaces
        }
        return segment(0xE1, concat(XMP_IDENTIFIER, XMP_START, padding, XMP_END));
    }

    /** The XMP segment without padding: marker, length, identifier and packet. */
    static int minimumXmpBytes() {
        return 4 + XMP_IDENTIFIER.length + XMP_START.length + XMP_END.length;
    }

    static int maximumXmpBytes() {
        return MAX_SEGMENT_PAYLOAD + 4;
    }

    /**
     * A little-endian TIFF with IFD0 (camera, dates, owner), its EXIF and GPS directories, and IFD1 pointing to
     * the thumbnail, which follows the directories.
     */
    private static byte[] tiff(byte[] thumbnail, int width, int height) {
        byte[] makerNote = new byte[MAKER_NOTE_BYTES];
        for (int i = 0; i < makerNote.length; i++) {
            makerNote[i] = (byte) (i * 31 + 7); // opaque vendor data, as maker notes are
        }
        System.arraycopy("Phonemaker\0".getBytes(StandardCharsets.US_ASCII), 0, makerNote, 0, 11);
        TiffDirectory exif = new TiffDirectory()
                .rationals(0x829A, 1, 120).rationals(0x829D, 178, 100).shortValue(0x8827, 50)
                .undefined(0x9000, "0232".getBytes(StandardCharsets.US_ASCII))
                .ascii(0x9003, "2026:06:01 12:00:00").ascii(0x9004, "2026:06:01 12:00:00")
                .ascii(0x9011, "+02:00").undefined(0x9101, new byte[] {1, 2, 3, 0}).rationals(0x920A, 686, 100)
                .undefined(0x927C, makerNote).undefined(0xA000, "0100".getBytes(StandardCharsets.US_ASCII))
                .shortValue(0xA001, 1).longValue(0xA002, width).longValue(0xA003, height)
                .ascii(0xA420, "5F3C2B1A0E9D8C7B6A5F4E3D2C1B0A99").ascii(0xA431, "SN-4711-0815")
                .ascii(0xA433, "Phonemaker").ascii(0xA434, "Phonemaker 15 Pro back triple camera 6.86mm f/1.78");
        TiffDirectory gps = new TiffDirectory()
                .bytes(0x0000, (byte) 2, (byte) 2, (byte) 0, (byte) 0)
                .ascii(0x0001, "N").rationals(0x0002, 48, 1, 51, 1, 3024, 100)
                .ascii(0x0003, "E").rationals(0x0004, 2, 1, 17, 1, 4020, 100)
                .bytes(0x0005, (byte) 0).rationals(0x0006, 35, 1).ascii(0x001D, "2026:06:01");
        TiffDirectory ifd1 = new TiffDirectory().shortValue(0x0103, 6)
                .rationals(0x011A, 72, 1).rationals(0x011B, 72, 1).shortValue(0x0128, 2)
                .longValue(0x0201, 0).longValue(0x0202, thumbnail.length);
        TiffDirectory ifd0 = new TiffDirectory()
                .ascii(0x010F, "Phonemaker").ascii(0x0110, "Phonemaker 15 Pro").shortValue(0x0112, 1)
                .rationals(0x011A, 72, 1).rationals(0x011B, 72, 1).shortValue(0x0128, 2)
                .ascii(0x0131, "17.1").ascii(0x0132, "2026:06:01 12:00:00").ascii(0x013B, "Jane Doe")
                .shortValue(0x0213, 1).longValue(0x8769, 0).longValue(0x8825, 0);
        int ifd0At = 8;
        int exifAt = ifd0At + ifd0.size();
        int gpsAt = exifAt + exif.size();
        int ifd1At = gpsAt + gps.size();
        int thumbnailAt = ifd1At + ifd1.size();
        ifd0.longValue(0x8769, exifAt).longValue(0x8825, gpsAt);
        ifd1.longValue(0x0201, thumbnailAt);
        byte[] header = {'I', 'I', 42, 0, 8, 0, 0, 0};
        return concat(header, ifd0.write(ifd0At, ifd1At), exif.write(exifAt, 0), gps.write(gpsAt, 0),
                ifd1.write(ifd1At, 0), thumbnail);
    }

    static byte[] segment(int marker, byte[] payload) {
        if (payload.length > MAX_SEGMENT_PAYLOAD) {
            throw new IllegalArgumentException("a JPEG segment holds at most " + MAX_SEGMENT_PAYLOAD + " bytes");
        }
        int length = payload.length + 2;
        return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length}, payload);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
