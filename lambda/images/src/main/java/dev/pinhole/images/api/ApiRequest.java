package dev.pinhole.images.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/**
 * The parts of an API Gateway v2 event the image API uses, with every absent part given a harmless value, so
 * that a malformed event is refused as a request instead of failing as a null.
 */
record ApiRequest(String method, String path, Map<String, String> headers) {

    static ApiRequest of(APIGatewayV2HTTPEvent event) {
        if (event == null) {
            return new ApiRequest("", "", Map.of());
        }
        String method = "";
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context != null && context.getHttp() != null && context.getHttp().getMethod() != null) {
            method = context.getHttp().getMethod();
        }
        return new ApiRequest(method, event.getRawPath() == null ? "" : event.getRawPath(),
                event.getHeaders() == null ? Map.of() : event.getHeaders());
    }

    /** API Gateway lower-cases header names; other callers may not. */
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
