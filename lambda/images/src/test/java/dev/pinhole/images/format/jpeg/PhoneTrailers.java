package dev.pinhole.images.format.jpeg;

import static dev.pinhole.images.format.jpeg.JpegBytes.ascii;
import static dev.pinhole.images.format.jpeg.JpegBytes.concat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Builds what phones append after a photo's EOI, the way they declare it: an MPF index listing secondary
 * JPEGs (iPhone HDR gain map, Ultra HDR), a Google motion photo's MP4 announced in XMP, a Samsung trailer.
 */
final class PhoneTrailers {
    static final String MOTION_PHOTO_XMP = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF"
            + " xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description"
            + " xmlns:Camera='http://ns.google.com/photos/1.0/camera/' Camera:MotionPhoto='1'"
            + " Camera:MotionPhotoVersion='1'/></rdf:RDF></x:xmpmeta>";

    private PhoneTrailers() {
    }

    /** The primary JPEG with an APP2 MPF index (right after SOI) declaring {@code secondaries}, then them. */
    static byte[] withMpf(byte[] primary, byte[]... secondaries) {
        int entries = 1 + secondaries.length;
        int ifdSize = 2 + 3 * 12 + 4;
        int tiffSize = 8 + ifdSize + 16 * entries;
        int segmentSize = 4 + 4 + tiffSize;
        int mpHeader = 2 + 4 + 4; // SOI, marker and length, "MPF\0": the TIFF header's offset in the file
        int primarySize = primary.length + segmentSize;
        ByteBuffer tiff = ByteBuffer.allocate(tiffSize).order(ByteOrder.BIG_ENDIAN);
        tiff.put(ascii("MM")).putShort((short) 42).putInt(8);
        tiff.putShort((short) 3);
        tiff.putShort((short) 0xB000).putShort((short) 7).putInt(4).put(ascii("0100"));
        tiff.putShort((short) 0xB001).putShort((short) 4).putInt(1).putInt(entries);
        tiff.putShort((short) 0xB002).putShort((short) 7).putInt(16 * entries).putInt(8 + ifdSize);
        tiff.putInt(0);
        tiff.putInt(0x20030000).putInt(primarySize).putInt(0).putInt(0);
        long offset = primarySize - mpHeader;
        for (byte[] secondary : secondaries) {
            tiff.putInt(0x000000).putInt(secondary.length).putInt((int) offset).putInt(0);
            offset += secondary.length;
        }
        byte[] segment = JpegBytes.segment(0xE2, "MPF\0", tiff.array());
        return concat(JpegBytes.afterSoi(primary, segment), concat(secondaries));
    }

    /** An APP1 XMP segment with this packet. */
    static byte[] xmp(String packet) {
        return JpegBytes.segment(0xE1, "http://ns.adobe.com/xap/1.0/\0", ascii(packet));
    }

    /** A small but well-formed MP4: ftyp, a 64-bit-sized mdat, moov. */
    static byte[] mp4(int mediaBytes) {
        ByteBuffer mp4 = ByteBuffer.allocate(24 + 16 + mediaBytes + 8);
        mp4.putInt(24).put(ascii("ftypisom")).putInt(0x200).put(ascii("isommp42"));
        mp4.putInt(1).put(ascii("mdat")).putLong(16 + mediaBytes).put(new byte[mediaBytes]);
        mp4.putInt(8).put(ascii("moov"));
        return mp4.array();
    }

    /** A Samsung trailer with one named block, as its camera app writes "Image_UTC_Data". */
    static byte[] samsung(String blockName, String value) {
        byte[] name = ascii(blockName);
        ByteBuffer block = ByteBuffer.allocate(8 + name.length + value.length()).order(ByteOrder.LITTLE_ENDIAN);
        block.putShort((short) 0).putShort((short) 0x0A01).putInt(name.length).put(name).put(ascii(value));
        int size = block.capacity();
        ByteBuffer directory = ByteBuffer.allocate(12 + 12).order(ByteOrder.LITTLE_ENDIAN);
        directory.put(ascii("SEFH")).putInt(101).putInt(1);
        directory.putShort((short) 0).putShort((short) 0x0A01).putInt(size).putInt(size);
        ByteBuffer footer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        footer.putInt(directory.capacity()).put(ascii("SEFT"));
        return concat(block.array(), directory.array(), footer.array());
    }

    static byte[] withoutLast(byte[] bytes, int count) {
        return Arrays.copyOf(bytes, bytes.length - count);
    }
}
