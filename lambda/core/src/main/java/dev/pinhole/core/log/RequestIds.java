package dev.pinhole.core.log;

/**
 * The ids to find one API request by: API Gateway's (the caller has it too, in the apigw-requestid header) and
 * Lambda's. Either may be absent: the local stack has no Lambda context, and an event need not carry one.
 */
public record RequestIds(String api, String lambda) {
    /** The id to search for: API Gateway's for an API call, else Lambda's. */
    String primary() {
        return api != null ? api : lambda;
    }

    /** Lambda's id when it is not already the primary one. */
    String secondary() {
        return api != null ? lambda : null;
    }
}
