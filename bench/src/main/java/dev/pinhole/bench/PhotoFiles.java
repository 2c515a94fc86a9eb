package dev.pinhole.bench;

import dev.pinhole.images.format.Cleaning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** How the privacy comparison reads a photo and writes its cleaned copy: one array, few copies, a new file. */
final class PhotoFiles {
    /**
     * A channel writes a heap array through a temporary direct buffer of the write's size; in pieces of 256 KB
     * that buffer (and the piece the cleaned image's parts are read into) stays in the CPU cache instead of being
     * a second copy through main memory (20 MB photo: about 4.5-5 ms instead of 6.5-8, here).
     */
    private static final int WRITE_CHUNK = 256 * 1024;
    /**
     * The one piece the parts are read into, kept: a fresh 256 KB array per file would be zeroed each time, which
     * for a 100 KB photo cost more than writing it. The benchmark writes from one thread.
     */
    private static final byte[] PIECE = new byte[WRITE_CHUNK];

    private PhotoFiles() {
    }

    /**
     * The whole file in one array of its size, copied straight from the page cache through a mapping: one copy.
     * A channel read into a heap array goes through a temporary direct buffer of the file's size, a second copy
     * through main memory (20 MB photo: about 8-9 ms that way, 6-6.5 ms mapped, here). The mapping is
     * released when the collector takes the buffer; the file is only read, so that can wait.
     */
    static byte[] read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " is too large for one array");
            }
            byte[] bytes = new byte[(int) size];
            channel.map(FileChannel.MapMode.READ_ONLY, 0, size).get(bytes);
            return bytes;
        }
    }

    /**
     * Writes {@code bytes} into a file that does not exist yet, as exiftool's {@code -o} does (it refuses to
     * overwrite). Rewriting one file again and again would measure ext4 instead: a file truncated and written
     * again is flushed towards the disk on close (ext4's auto_da_alloc guard for programs that replace files
     * without fsync), which made writing a 20 MB copy take 20 to 30 ms here instead of about 7. The cleaned
     * image is read from its parts, never joined into one array first.
     */
    static void writeNew(Path file, Cleaning cleaning) throws IOException {
        byte[] piece = PIECE;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             InputStream in = cleaning.newStream()) {
            for (int n; (n = in.readNBytes(piece, 0, piece.length)) > 0; ) {
                ByteBuffer chunk = ByteBuffer.wrap(piece, 0, n);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
        }
    }
}
