package dev.pinhole.tickets;

import dev.pinhole.core.ApiException;
import dev.pinhole.core.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns the body of an API Gateway v2 event into text, refusing oversized bodies before any decoding
 * or parsing happens. A ticket request is about 100 bytes, so anything over a few KB is abuse.
 */
final class RequestBodies {
    static final int MAX_BODY_BYTES = 4096;

    private RequestBodies() {
    }

    static String text(String body, boolean base64Encoded) {
        if (body == null || body.isEmpty()) {
            throw new ApiException(ErrorCode.MISSING_BODY,
                    "The request has no body. Send JSON such as {\"extension\":\"png\",\"size\":48213}.");
        }
        // A Java char is at most 3 UTF-8 bytes and base64 inflates by 4/3: either way, a string this long
        // is certainly over the cap, and we refuse it without allocating a copy.
        if (body.length() > MAX_BODY_BYTES * 4 / 3 + 4) {
            throw tooLarge();
        }
        byte[] bytes = base64Encoded ? decodeBase64(body) : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return base64Encoded ? utf8(bytes) : body;
    }

    private static byte[] decodeBase64(String body) {
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException notBase64) {
            throw new ApiException(ErrorCode.INVALID_BODY, "The request body is marked base64-encoded but is not.");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException notUtf8) {
            throw new ApiException(ErrorCode.INVALID_BODY, "The request body is not UTF-8 text.");
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(ErrorCode.BODY_TOO_LARGE,
                "The request body is over " + MAX_BODY_BYTES + " bytes. A ticket request is a small JSON object;"
                        + " the image itself goes to the upload URL, not to the API.");
    }
}
