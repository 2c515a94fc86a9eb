package dev.pinhole.images.format.webp;

/**
 * One RIFF chunk of a WebP file: its four-cc, where its 8-byte header starts and its payload size. An odd
 * payload is followed by one pad byte, which {@link #end()} includes.
 */
record Chunk(String type, int start, int size) {
    static final int HEADER_SIZE = 8;

    int payload() {
        return start + HEADER_SIZE;
    }

    /** The first byte after the chunk and its pad byte. */
    int end() {
        return payload() + size + (size & 1);
    }

    boolean is(String fourCc) {
        return type.equals(fourCc);
    }

    /** The chunk for refusal details: its four-cc when printable (never raw bytes of the file), and where it is. */
    String describe() {
        return describe(type) + " chunk at offset " + start;
    }

    static String describe(String fourCc) {
        for (int i = 0; i < fourCc.length(); i++) {
            char c = fourCc.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return "an unnamed";
            }
        }
        return "the '" + fourCc + "'";
    }
}
