package dev.pinhole.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** How the privacy comparison reads a photo and writes its cleaned copy: one channel, one array, a new file. */
final class PhotoFiles {
    private PhotoFiles() {
    }

    /** The whole file in one array of its size, read through one channel. */
    static byte[] read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " is too large for one array");
            }
            ByteBuffer buffer = ByteBuffer.wrap(new byte[(int) size]);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    throw new EOFException(file + " got shorter while it was read");
                }
            }
            return buffer.array();
        }
    }

    /**
     * Writes {@code bytes} into a file that does not exist yet, as exiftool's {@code -o} does (it refuses to
     * overwrite). Rewriting one file again and again would measure ext4 instead: a file truncated and written
     * again is flushed towards the disk on close (ext4's auto_da_alloc guard for programs that replace files
     * without fsync), which made writing a 20 MB copy take 20 to 30 ms here instead of about 7.
     */
    static void writeNew(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
