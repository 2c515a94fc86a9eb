package dev.pinhole.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The SigV4 parameters of a presigned URL, read from the raw query string as S3Proxy reads them: names
 * percent-decoded and compared without regard to case, the first of a repeated parameter taken. S3 knows only
 * the exact names, and every parameter is part of what was signed, so a URL with a parameter spelled another
 * way or given twice does not authenticate there. Reading them S3Proxy's way lets the guard see what S3Proxy
 * will act on, and refuse what S3 would refuse.
 */
final class QueryAuthentication {
    static final List<String> NAMES = List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
            "X-Amz-SignedHeaders", "X-Amz-Signature");
    private static final Set<String> LOWER_CASE_NAMES = Set.copyOf(NAMES.stream().map(QueryAuthentication::lower).toList());

    /** Decoded names and values, in the order of the query. */
    private final List<String> names;
    private final List<String> values;

    private QueryAuthentication(List<String> names, List<String> values) {
        this.names = names;
        this.values = values;
    }

    /** The query's SigV4 parameters, or empty when it has none in any spelling (the request is not presigned). */
    static Optional<QueryAuthentication> of(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            names.add(decode(equals < 0 ? parameter : parameter.substring(0, equals)));
            values.add(equals < 0 ? "" : decode(parameter.substring(equals + 1)));
        }
        boolean presigned = names.stream().map(QueryAuthentication::lower).anyMatch(LOWER_CASE_NAMES::contains);
        return presigned ? Optional.of(new QueryAuthentication(names, values)) : Optional.empty();
    }

    /** Whether each SigV4 parameter is there under its exact name, as S3 requires. */
    boolean complete() {
        return names.containsAll(NAMES);
    }

    /** Whether some parameter is given twice, in the same or another letter case. */
    boolean repeatsAParameter() {
        Set<String> seen = new HashSet<>();
        return !names.stream().map(QueryAuthentication::lower).allMatch(seen::add);
    }

    /** The header names listed in X-Amz-SignedHeaders, lower case (in its first value, the one S3Proxy checks). */
    Set<String> signedHeaders() {
        Set<String> signed = new LinkedHashSet<>();
        int index = names.indexOf("X-Amz-SignedHeaders");
        if (index >= 0) {
            for (String name : values.get(index).split(";")) {
                signed.add(lower(name.trim()));
            }
        }
        return signed;
    }

    /** Percent-decoding as servlet containers do ('+' is a space); text that is not valid encoding stays as is. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoding) {
            return text;
        }
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
