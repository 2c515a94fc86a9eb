package dev.pinhole.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests that java.net.http refuses to send: a request target with
 * backslashes, NUL bytes or dot segments exactly as written, or a Host header other than the URL's.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** Sends {@code method target} to the server of {@code server}, with exactly these headers and body. */
    static Response send(URI server, String method, String target, Map<String, String> headers, byte[] body) {
        return send(server, method, target, headers, body, true);
    }

    /** As {@link #send} but without a Content-Length header: the caller frames the body (e.g. chunked). */
    static Response sendWithoutLength(URI server, String method, String target, Map<String, String> headers,
                                      byte[] body) {
        return send(server, method, target, headers, body, false);
    }

    private static Response send(URI server, String method, String target, Map<String, String> headers, byte[] body,
                                 boolean withLength) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            if (headers.keySet().stream().noneMatch("host"::equalsIgnoreCase)) {
                head.append("Host: ").append(server.getHost()).append(':').append(server.getPort()).append("\r\n");
            }
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (withLength && (body.length > 0 || "PUT".equals(method) || "POST".equals(method))) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return Response.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toByteArray();
    }

    /** Status line and raw text of a response; enough to read a status and an S3 or JSON error code. */
    record Response(int status, String text, byte[] body) {
        static Response parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            String[] statusLine = text.split("\r\n", 2)[0].split(" ");
            int headEnd = text.indexOf("\r\n\r\n");
            byte[] body = headEnd < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
            return new Response(statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1, text, body);
        }

        /** The first {@code <Code>} of an S3 XML error, or null. */
        String s3ErrorCode() {
            int start = text.indexOf("<Code>");
            int end = text.indexOf("</Code>");
            return start < 0 || end < start ? null : text.substring(start + 6, end);
        }
    }
}
