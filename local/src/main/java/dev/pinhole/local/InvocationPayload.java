package dev.pinhole.local;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.Writer;

/**
 * How large an API Gateway event or a function's answer is as the JSON that Lambda carries, which is what
 * Lambda's 6 MB invocation limit counts. Written to a counter, never held: the event may be megabytes.
 */
final class InvocationPayload {
    /** Field for field the shape API Gateway sends; no HTML escaping, which would inflate base64's '='. */
    private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();

    private InvocationPayload() {
    }

    /** The UTF-8 size of {@code eventOrAnswer} as JSON (null fields left out, as API Gateway does). */
    static long jsonBytes(Object eventOrAnswer) {
        Utf8Counter counter = new Utf8Counter();
        JSON.toJson(eventOrAnswer, counter);
        return counter.bytes;
    }

    /** Counts the UTF-8 bytes of what is written to it. */
    private static final class Utf8Counter extends Writer {
        long bytes;

        @Override
        public void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                count(chars[i]);
            }
        }

        @Override
        public void write(String text, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                count(text.charAt(i));
            }
        }

        private void count(char c) {
            // A surrogate pair is 4 bytes in UTF-8: 2 for each half.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
