package dev.pinhole.images.format.png;

/**
 * One chunk of a PNG file, located in the file's bytes: {@code offset} is where its length field starts,
 * {@code length} the size of its data. The chunk occupies {@code [offset, end())}: length, type, data, CRC.
 */
record PngChunk(int offset, int length, String type) {
    static final int OVERHEAD = 12;

    int dataOffset() {
        return offset + 8;
    }

    int end() {
        return offset + OVERHEAD + length;
    }

    /** Critical chunks (upper-case first letter) must be understood to show the image. */
    boolean isCritical() {
        return Character.isUpperCase(type.charAt(0));
    }

    boolean is(String name) {
        return type.equals(name);
    }
}
