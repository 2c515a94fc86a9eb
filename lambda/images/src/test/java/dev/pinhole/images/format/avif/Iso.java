package dev.pinhole.images.format.avif;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds ISO base media boxes byte by byte, so tests can make exactly the malformed or hostile file they need. */
final class Iso {
    private Iso() {
    }

    static byte[] box(String type, byte[]... payload) {
        byte[] body = concat(payload);
        return concat(u32(body.length + 8L), ascii(type), body);
    }

    static byte[] fullBox(String type, int version, int flags, byte[]... payload) {
        return box(type, u8(version), u24(flags), concat(payload));
    }

    static byte[] ftyp(String major, String... compatible) {
        byte[][] brands = new byte[compatible.length][];
        for (int i = 0; i < compatible.length; i++) {
            brands[i] = ascii(compatible[i]);
        }
        return box("ftyp", ascii(major), u32(0), concat(brands));
    }

    static byte[] u8(int value) {
        return new byte[] {(byte) value};
    }

    static byte[] u16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    static byte[] u24(int value) {
        return new byte[] {(byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    static byte[] u32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    static byte[] u64(long value) {
        return concat(u32(value >>> 32), u32(value));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] cstring(String text) {
        return concat(text.getBytes(StandardCharsets.UTF_8), new byte[1]);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The offset of the first occurrence of a four-cc (a box type) in a file, for patching real samples. */
    static int find(byte[] file, String type) {
        return find(file, type, 0);
    }

    static int find(byte[] file, String type, int from) {
        byte[] needle = ascii(type);
        outer:
        for (int i = from; i + 4 <= file.length; i++) {
            for (int k = 0; k < 4; k++) {
                if (file[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException(type + " not found");
    }

    static void put32(byte[] file, int offset, long value) {
        System.arraycopy(u32(value), 0, file, offset, 4);
    }
}
