package dev.pinhole.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a published image is kept, written as the API and the page show it: {@code "7d"}. Whole days only,
 * because what removes images in AWS is S3 lifecycle, which counts in days.
 *
 * <p>Only the {@link #SUPPORTED} lifetimes can be offered: the template has one lifecycle rule for each (tag
 * {@value #TAG}{@code =<label>} on the public prefix; the infra module checks the two lists agree), and a
 * lifetime without its rule would be a promise nothing keeps. A deployment chooses which of them it offers.
 */
public record Lifetime(int days) {
    /** What a ticket request or a setting writes for "no lifetime": the image stays until it is deleted. */
    public static final String FOREVER = "forever";
    /** The object tag the publisher sets and the lifecycle rules filter on. */
    public static final String TAG = "pinhole-lifetime";
    public static final List<Lifetime> SUPPORTED =
            List.of(new Lifetime(1), new Lifetime(7), new Lifetime(30), new Lifetime(90), new Lifetime(365));

    private static final Pattern LABEL = Pattern.compile("([1-9][0-9]{0,3})d");

    public Lifetime {
        if (days < 1 || days > 9999) {
            throw new IllegalArgumentException("not a lifetime: " + days + " days");
        }
    }

    /** {@code "7d"} for a supported lifetime; anything else (other spellings, unsupported lengths) is empty. */
    public static Optional<Lifetime> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        Matcher matcher = LABEL.matcher(label);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Lifetime lifetime = new Lifetime(Integer.parseInt(matcher.group(1)));
        return SUPPORTED.contains(lifetime) ? Optional.of(lifetime) : Optional.empty();
    }

    /** {@code "7d"}: the API's spelling, the tag's value and the metadata's value. */
    public String label() {
        return days + "d";
    }

    public Duration duration() {
        return Duration.ofDays(days);
    }

    /** The moment after which the link no longer works, for an image whose ticket was issued at {@code issued}. */
    public Instant removeAfter(Instant issued) {
        return issued.plus(duration());
    }

    @Override
    public String toString() {
        return label();
    }
}
