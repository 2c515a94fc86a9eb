package dev.pinhole.testkit;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The Lambda context of one invocation of {@code function}, as far as the functions read it: its request id. For
 * the tests of what the functions log, which must carry Lambda's request id.
 */
public record LambdaContext(String function, String getAwsRequestId) implements Context {
    /** The Java runtime's own logger writes to stdout; the functions do not use it (they log through Telemetry). */
    @Override
    public LambdaLogger getLogger() {
        throw new UnsupportedOperationException("the functions log through their Telemetry");
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function;
    }

    @Override
    public String getLogStreamName() {
        return "2026/12/01/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return function;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:000000000000:function:" + function;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }
}
