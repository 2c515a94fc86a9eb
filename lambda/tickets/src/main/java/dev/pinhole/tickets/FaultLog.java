package dev.pinhole.tickets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * How a 500 is explained to the operator, since the caller is told nothing internal: one log entry with
 * the ids to find the request by (API Gateway's, which the caller also got in its apigw-requestid header,
 * and Lambda's) and the exception with its whole stack, causes included.
 */
final class FaultLog {
    private FaultLog() {
    }

    static void record(APIGatewayV2HTTPEvent event, Context context, RuntimeException fault) {
        String entry = entry(event, context, fault);
        if (context != null && context.getLogger() != null) {
            // LambdaLogger keeps a multi-line entry as one log event; written to stderr, each stack frame
            // would become an event of its own.
            context.getLogger().log(entry, LogLevel.ERROR);
        } else {
            // The local stack and tests call the handler without a Lambda context.
            System.err.print(entry);
        }
    }

    static String entry(APIGatewayV2HTTPEvent event, Context context, RuntimeException fault) {
        StringWriter text = new StringWriter();
        text.append("pinhole: internal error in request ").append(apiRequestId(event));
        if (context != null && context.getAwsRequestId() != null) {
            text.append(" (Lambda request ").append(context.getAwsRequestId()).append(')');
        }
        text.append(": ");
        fault.printStackTrace(new PrintWriter(text, true));
        return text.toString();
    }

    private static String apiRequestId(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getRequestId() == null) {
            return "(no API Gateway request id)";
        }
        return event.getRequestContext().getRequestId();
    }
}
