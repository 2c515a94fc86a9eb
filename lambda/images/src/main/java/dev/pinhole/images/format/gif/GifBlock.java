package dev.pinhole.images.format.gif;

/**
 * One block of a GIF after the screen descriptor, located in the file: {@code [start, end)} covers the whole
 * block, introducer to block terminator. {@code application} is the 11-byte identifier and authentication
 * code of an application extension ("NETSCAPE2.0"), empty for every other kind.
 */
record GifBlock(Kind kind, int start, int end, String application) {
    enum Kind { IMAGE, GRAPHIC_CONTROL, PLAIN_TEXT, COMMENT, APPLICATION }

    /** Receives each block in file order while {@link GifWalker} checks the file. */
    interface Visitor {
        void block(GifBlock block);
    }
}
