package dev.pinhole.images.cdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a received request's SigV4 signature by recomputing it from what arrived, written from AWS's
 * "Create a signed AWS API request" steps rather than with the SDK that signed it, so that a signature the SDK
 * computed over other bytes or headers than the HTTP client sent fails here.
 */
final class SigV4Check {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, "
                    + "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

    private SigV4Check() {
    }

    /** @return the signed header names */
    static List<String> assertSigned(FakeCloudFront.Received request, String accessKey, String secret,
                                     String region, String service) throws Exception {
        String authorization = request.headers().get("authorization");
        Matcher parts = AUTHORIZATION.matcher(authorization == null ? "" : authorization);
        assertTrue(parts.matches(), "Authorization: " + authorization);
        assertEquals(accessKey, parts.group(1));
        assertEquals(region, parts.group(3));
        assertEquals(service, parts.group(4));
        String amzDate = request.headers().get("x-amz-date");
        assertTrue(amzDate != null && amzDate.startsWith(parts.group(2)), "x-amz-date " + amzDate);
        List<String> signedHeaders = List.of(parts.group(5).split(";"));

        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            String value = request.headers().get(name);
            assertTrue(value != null, "signed header " + name + " did not arrive");
            canonicalHeaders.append(name).append(':').append(value.trim().replaceAll(" +", " ")).append('\n');
        }
        String payloadHash = hex(MessageDigest.getInstance("SHA-256").digest(request.body()));
        String canonicalRequest = String.join("\n", request.method(), request.rawPath(),
                request.rawQuery() == null ? "" : request.rawQuery(), canonicalHeaders.toString(),
                parts.group(5), payloadHash);
        String scope = parts.group(2) + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope,
                hex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), parts.group(2));
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        assertEquals(hex(hmac(key, stringToSign)), parts.group(6), "signature over what arrived");
        return signedHeaders;
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
