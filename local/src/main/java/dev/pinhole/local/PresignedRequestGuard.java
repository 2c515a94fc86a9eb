package dev.pinhole.local;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.gaul.s3proxy.CrossOriginResourceSharing;

/**
 * Refuses, before S3Proxy sees them, the presigned requests that AWS S3 refuses but S3Proxy would act on.
 * S3Proxy checks the signature of the headers a URL signs and then obeys every other header too: an unsigned
 * {@code x-amz-copy-source} turns a ticket's PUT into a CopyObject of anything in the store, and an unsigned
 * {@code x-amz-acl: public-read} makes the stored file world-readable. AWS requires every {@code x-amz-*}
 * header of a presigned request to be signed, and a ticket's role could not read a copy's source anyway.
 * The guard also answers as S3 does when a URL carries a second authentication or authentication parameters
 * that S3 would not recognise but S3Proxy reads leniently (see {@link QueryAuthentication}).
 *
 * <p>It runs inside S3Proxy's own Jetty, as a servlet filter, so it judges the very request S3Proxy parses
 * (no second HTTP parser to disagree with), and it never reads the body, which stays streamed. It depends on
 * headers and query only, never on the key or its prefix. Preflights pass: S3 answers them from CORS rules.
 */
final class PresignedRequestGuard implements Filter {
    private final CrossOriginResourceSharing cors;

    PresignedRequestGuard(CrossOriginResourceSharing cors) {
        this.cors = cors;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Optional<S3Refusal> refusal = "OPTIONS".equals(http.getMethod()) ? Optional.empty() : judge(http);
        if (refusal.isPresent()) {
            refuse(http, (HttpServletResponse) response, refusal.get());
        } else {
            chain.doFilter(request, response);
        }
    }

    /** What S3 would refuse in this request before running it, if anything. */
    static Optional<S3Refusal> judge(HttpServletRequest request) {
        Optional<QueryAuthentication> presigned = QueryAuthentication.of(request.getQueryString());
        if (presigned.isEmpty()) {
            return Optional.empty();
        }
        QueryAuthentication query = presigned.get();
        if (request.getHeader("Authorization") != null) {
            return Optional.of(S3Refusal.TWO_AUTHENTICATIONS);
        }
        if (!query.complete()) {
            return Optional.of(S3Refusal.INCOMPLETE_QUERY);
        }
        if (query.repeatsAParameter()) {
            return Optional.of(S3Refusal.SIGNATURE_MISMATCH);
        }
        List<String> unsigned = unsignedAmzHeaders(request, query.signedHeaders());
        if (!unsigned.isEmpty()) {
            return Optional.of(S3Refusal.headersNotSigned(unsigned));
        }
        if (request.getHeader("x-amz-copy-source") != null) {
            return Optional.of(S3Refusal.COPY_DENIED);
        }
        return Optional.empty();
    }

    private static List<String> unsignedAmzHeaders(HttpServletRequest request, Set<String> signed) {
        Set<String> present = new LinkedHashSet<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            present.add(name.toLowerCase(Locale.ROOT));
        }
        List<String> unsigned = new ArrayList<>();
        for (String name : present) {
            if (name.startsWith("x-amz-") && !signed.contains(name)) {
                unsigned.add(name);
            }
        }
        return unsigned;
    }

    /** S3's XML error, with the CORS headers S3Proxy would add, so the page can read why it was refused. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, S3Refusal refusal) throws IOException {
        String requestId = HexFormat.of().withUpperCase().toHexDigits(ThreadLocalRandom.current().nextLong());
        response.setStatus(refusal.status());
        response.setHeader("x-amz-request-id", requestId);
        response.setHeader("Vary", "Origin");
        String origin = request.getHeader("Origin");
        if (origin != null && cors.isOriginAllowed(origin)) {
            response.setHeader("Access-Control-Allow-Origin", cors.getAllowedOrigin(origin));
            response.setHeader("Access-Control-Allow-Methods", cors.getAllowedMethods());
            response.setHeader("Access-Control-Expose-Headers", cors.getExposedHeaders());
        }
        byte[] body = refusal.xml(requestId);
        response.setContentType("application/xml;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
