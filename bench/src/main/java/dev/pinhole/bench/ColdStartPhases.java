package dev.pinhole.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pinhole.tickets.TicketHandler;

/**
 * Where a cold start's time goes, measured inside the JVM (bench/cold-start.sh runs it on the shaded
 * jar): the runtime's handler construction, the first ticket, and a second ticket, which is about what
 * is left to do after a SnapStart restore of a primed snapshot. Prints the first ticket, then
 * "phases construct_ms first_ms second_ms"; bench/node/cold-harness.mjs takes JVM start to main as the
 * rest of the time from spawn to the first output.
 */
public final class ColdStartPhases {
    private ColdStartPhases() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        TicketHandler handler = new TicketHandler();
        long t1 = System.nanoTime();
        APIGatewayV2HTTPEvent event = Fixture.uploadEvent(Fixture.REQUEST);
        APIGatewayV2HTTPResponse first = handler.handleRequest(event, null);
        long t2 = System.nanoTime();
        APIGatewayV2HTTPResponse second = handler.handleRequest(event, null);
        long t3 = System.nanoTime();
        if (first.getStatusCode() != 201 || second.getStatusCode() != 201) {
            throw new IllegalStateException("the handler refused: " + first.getBody());
        }
        System.out.println(first.getBody());
        System.out.printf("phases %.2f %.2f %.2f%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }
}
