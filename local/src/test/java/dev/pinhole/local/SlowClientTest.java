package dev.pinhole.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that open a connection and then send a request slowly, or nothing at all, must not stall anyone
 * else, and the server must end them by itself. The JDK's server reads a request's head on a pool thread and
 * by default waits forever: 64 such sockets used to hang every other request of the local stack.
 */
class SlowClientTest {
    /** More than the 64 threads the server had, and than the {@value SlowClientLimits#CORE_THREADS} it keeps. */
    static final int SLOW = 100;
    static final int SILENT = 4;
    /** Only a guard against hanging, for all the connections together: the test asserts what happens, not how fast. */
    static final int HANG_GUARD_MILLIS = 60_000;

    @TempDir
    Path data;

    @Test
    void moreSlowClientsThanThreads_doNotStallOthers_andAreClosedByTheServer() throws Exception {
        byte[] image = SampleImages.png(20, 20);
        try (ChildProcessStack stack = ChildProcessStack.start(data.resolve("pinhole"))) {
            // Given connections that send a request line and one header but never the blank line that ends them,
            // some that send nothing at all, and as many slow ones on the local S3
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < SLOW; i++) {
                slow.add(startRequest(stack.baseUrl, "GET /api/limits HTTP/1.1\r\nHost: " + stack.baseUrl.getAuthority()
                        + "\r\n"));
            }
            for (int i = 0; i < SILENT; i++) {
                slow.add(startRequest(stack.baseUrl, ""));
            }
            List<Socket> slowOnS3 = new ArrayList<>();
            for (int i = 0; i < SLOW; i++) {
                slowOnS3.add(startRequest(stack.s3Endpoint, "PUT /pinhole-images/i/x.png HTTP/1.1\r\nHost: "
                        + stack.s3Endpoint.getAuthority() + "\r\n"));
            }
            Thread.sleep(500); // lets the server take the slow requests up before the honest one arrives

            // When an honest client asks for a ticket
            TicketClient client = new TicketClient(stack.baseUrl);
            TicketClient.Reply ticket = client.requestTicket("png", image, true);

            // Then it is answered while every slow connection is still waiting: none had to give way first
            assertEquals(201, ticket.status(), ticket.text());
            for (Socket socket : slow) {
                assertTrue(stillOpen(socket), "the honest request was only answered after slow ones were closed");
            }
            // and the upload with it and the link are answered too, with the local S3 as busy with slow clients
            JsonObject issued = ticket.json();
            TicketClient.Reply upload = client.upload(issued, image);
            assertEquals(200, upload.status(), upload.text());
            assertEquals(200, client.awaitServed(URI.create(issued.get("url").getAsString())).status());
            // and the server closes every slow and silent connection by itself
            long giveUpAt = System.nanoTime() + HANG_GUARD_MILLIS * 1_000_000L;
            for (Socket socket : slow) {
                assertTrue(closedByServer(socket, giveUpAt), "a connection that never finished its request is still open");
            }
            for (Socket socket : slowOnS3) {
                socket.close();
            }
        }
    }

    /** Connects and sends the start of a request (or nothing), leaving it unfinished. */
    private static Socket startRequest(URI server, String start) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
        socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Whether the server has neither answered nor closed the connection yet (a read finds nothing to read). */
    private static boolean stillOpen(Socket socket) throws IOException {
        socket.setSoTimeout(1);
        try {
            socket.getInputStream().read();
            return false; // a byte or the end of the stream: the server answered or closed it
        } catch (SocketTimeoutException nothingYet) {
            return true;
        } catch (IOException reset) {
            return false;
        }
    }

    /** Waits for the server to close the connection (end of stream or reset); false if still open at the guard. */
    private static boolean closedByServer(Socket socket, long giveUpAt) throws IOException {
        try (socket) {
            socket.setSoTimeout((int) Math.max(1, (giveUpAt - System.nanoTime()) / 1_000_000));
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // the server may answer before closing; only the close matters here
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
