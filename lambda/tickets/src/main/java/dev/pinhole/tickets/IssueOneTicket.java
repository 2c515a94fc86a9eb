package dev.pinhole.tickets;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.pinhole.core.log.Telemetry;
import java.time.Clock;
import java.util.Map;

/**
 * Issues one ticket from the command line through the real handler, configured from the environment
 * exactly as on Lambda, and prints the response body (and, on stderr, the handler's log line). It exists so that the shaded jar can be checked
 * on its own ({@code java -cp pinhole-tickets-*-aws.jar dev.pinhole.tickets.IssueOneTicket}) and so the
 * cold-start benchmark times the code path Lambda runs: construct the handler, answer one request.
 *
 * <p>Usage: {@code IssueOneTicket [request-json]}; exit status 0 when the ticket was issued (201).
 */
public final class IssueOneTicket {
    static final String DEFAULT_REQUEST = "{\"extension\":\"png\",\"size\":48213}";

    private IssueOneTicket() {
    }

    public static void main(String[] args) {
        String json = args.length > 0 ? args[0] : DEFAULT_REQUEST;
        // The handler's log line goes to stderr, so that stdout is the ticket alone, for whoever reads it.
        TicketHandler handler = new TicketHandler().withTelemetry(new Telemetry(TicketMetrics.FUNCTION,
                Telemetry.Style.JSON, System.err::println, Clock.systemUTC()));
        APIGatewayV2HTTPResponse response = handler.handleRequest(event(json), null);
        System.out.println(response.getBody());
        System.exit(response.getStatusCode() == 201 ? 0 : 1);
    }

    /** A POST /api/uploads event as API Gateway (HTTP API, payload 2.0) delivers it. */
    static APIGatewayV2HTTPEvent event(String json) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(TicketHandler.UPLOADS)
                .withHeaders(Map.of("content-type", "application/json"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST")
                                .withPath(TicketHandler.UPLOADS)
                                .build())
                        .build())
                .withBody(json)
                .withIsBase64Encoded(false)
                .build();
    }
}
