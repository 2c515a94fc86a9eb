package dev.pinhole.images.format.png;

import dev.pinhole.images.format.Refusal;
import dev.pinhole.images.format.RefusalReason;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one zlib stream (the IDAT data, or one APNG frame's fdAT data) fed in chunk by chunk, only to
 * count the bytes it produces: into one small buffer that is overwritten each time, so memory stays fixed.
 * The stream must produce exactly {@code expected} bytes and then end: more is a zip bomb (refused the moment
 * the count passes the limit, so the work is bounded by what the header declares), fewer or no end means
 * the image data is damaged.
 */
final class BoundedInflation implements AutoCloseable {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Inflater inflater = new Inflater();
    private final byte[] sink;
    private final long expected;
    private final String what;
    private long produced;

    /** @param sink a scratch buffer shared by every stream of one inspection; its contents are thrown away */
    BoundedInflation(long expected, String what, byte[] sink) {
        this.expected = expected;
        this.what = what;
        this.sink = sink;
    }

    static byte[] newSink() {
        return new byte[BUFFER_SIZE];
    }

    /** Feeds {@code length} bytes of compressed data from {@code data} at {@code offset}. */
    void feed(byte[] data, int offset, int length) {
        if (inflater.finished()) {
            if (length > 0) {
                throw new Refusal(RefusalReason.MALFORMED, what + " carries data after its compressed stream ends");
            }
            return;
        }
        inflater.setInput(data, offset, length);
        try {
            while (!inflater.finished() && !inflater.needsInput()) {
                long read = inflater.getBytesRead();
                int n = inflater.inflate(sink);
                produced += n;
                if (produced > expected) {
                    throw new Refusal(RefusalReason.MALFORMED, what + " inflates to more than the "
                            + expected + " bytes its dimensions allow");
                }
                if (n == 0 && inflater.getBytesRead() == read && !inflater.finished() && !inflater.needsInput()) {
                    // No output and no input taken: a preset dictionary (which PNG forbids) or a stuck stream.
                    throw new Refusal(RefusalReason.MALFORMED, what + (inflater.needsDictionary()
                            ? " asks for a preset dictionary" : " stops making progress"));
                }
            }
        } catch (DataFormatException e) {
            throw new Refusal(RefusalReason.MALFORMED, what + " is not a valid zlib stream");
        }
        if (inflater.finished() && inflater.getRemaining() > 0) {
            throw new Refusal(RefusalReason.MALFORMED, what + " carries data after its compressed stream ends");
        }
    }

    /** Called once the stream's last chunk was fed. */
    void finish() {
        if (!inflater.finished()) {
            throw new Refusal(RefusalReason.MALFORMED, what + "'s compressed stream does not end");
        }
        if (produced != expected) {
            throw new Refusal(RefusalReason.MALFORMED, what + " inflates to " + produced + " bytes, not the "
                    + expected + " its dimensions need");
        }
    }

    @Override
    public void close() {
        inflater.end();
    }
}
