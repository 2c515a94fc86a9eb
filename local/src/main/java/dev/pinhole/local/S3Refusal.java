package dev.pinhole.local;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A refusal worded as S3 words it: the status, S3's error code and message, and an element S3 adds for some
 * codes (HeadersNotSigned, ArgumentName). Messages are AWS's own, so clients and tests see what AWS would send.
 */
record S3Refusal(int status, String code, String message, String detailElement, String detailValue) {
    static final S3Refusal TWO_AUTHENTICATIONS = new S3Refusal(400, "InvalidArgument",
            "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string"
                    + " parameter or the Authorization header should be specified", "ArgumentName", "Authorization");
    static final S3Refusal INCOMPLETE_QUERY = new S3Refusal(400, "AuthorizationQueryParametersError",
            "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature,"
                    + " X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.", null, null);
    static final S3Refusal SIGNATURE_MISMATCH = new S3Refusal(403, "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided."
                    + " Check your key and signing method.", null, null);
    /** A copy reads its source, and an upload ticket grants no read permission on anything. */
    static final S3Refusal COPY_DENIED = new S3Refusal(403, "AccessDenied", "Access Denied", null, null);

    static S3Refusal headersNotSigned(List<String> names) {
        return new S3Refusal(403, "AccessDenied", "There were headers present in the request which were not signed",
                "HeadersNotSigned", String.join(", ", names));
    }

    /** S3's XML error document. */
    byte[] xml(String requestId) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>")
                .append(element("Code", code)).append(element("Message", message));
        if (detailElement != null) {
            xml.append(element(detailElement, detailValue));
        }
        return xml.append(element("RequestId", requestId)).append("</Error>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String element(String name, String text) {
        return "<" + name + ">" + escaped(text) + "</" + name + ">";
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
