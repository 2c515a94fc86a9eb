package dev.pinhole.tickets;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/**
 * The parts of an API Gateway v2 event the handler uses, with every absent part given a harmless
 * value, so that a malformed event is refused as a request instead of failing as a null.
 */
record ApiRequest(String method, String path, Map<String, String> headers, String body, boolean base64Encoded) {

    static ApiRequest of(APIGatewayV2HTTPEvent event) {
        if (event == null) {
            return new ApiRequest("", "", Map.of(), null, false);
        }
        String method = "";
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context != null && context.getHttp() != null && context.getHttp().getMethod() != null) {
            method = context.getHttp().getMethod();
        }
        return new ApiRequest(method,
                event.getRawPath() == null ? "" : event.getRawPath(),
                event.getHeaders() == null ? Map.of() : event.getHeaders(),
                event.getBody(),
                event.getIsBase64Encoded());
    }

    boolean isMethod(String expected) {
        return expected.equals(method);
    }

    /**
     * API Gateway lower-cases header names; other callers may not, so fall back to a scan. The scan runs on
     * every request for a header that is absent (the upload token, usually), so it compares in place
     * rather than lower-casing each of a browser's dozen or more header names.
     */
    String header(String lowerCaseName) {
        String value = headers.get(lowerCaseName);
        if (value != null) {
            return value;
        }
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(lowerCaseName)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
