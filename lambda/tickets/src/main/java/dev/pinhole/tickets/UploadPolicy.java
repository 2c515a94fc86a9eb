package dev.pinhole.tickets;

import dev.pinhole.core.ApiException;
import dev.pinhole.core.ErrorCode;
import dev.pinhole.core.ImageTypes;
import dev.pinhole.core.Lifetime;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a ticket may be issued: the extension is allowed, 1 <= size <= the maximum, and the lifetime is
 * one the deployment offers (none asked for: its default).
 */
final class UploadPolicy {
    private static final int SHA256_BYTES = 32;

    private final Set<String> allowedExtensions;
    private final long maxUploadBytes;
    private final String allowedList;
    private final LifetimeChoices lifetimes;

    UploadPolicy(Set<String> allowedExtensions, long maxUploadBytes, LifetimeChoices lifetimes) {
        this.allowedExtensions = Set.copyOf(allowedExtensions);
        this.maxUploadBytes = maxUploadBytes;
        this.allowedList = String.join(", ", new TreeSet<>(allowedExtensions));
        this.lifetimes = lifetimes;
    }

    ApprovedUpload approve(UploadRequest request) {
        String extension = extension(request.extension());
        long size = size(request.size());
        Optional<String> sha256 = request.sha256().map(UploadPolicy::sha256);
        Optional<Lifetime> lifetime = lifetime(request.lifetime());
        return new ApprovedUpload(extension, ImageTypes.contentType(extension), size, sha256, lifetime);
    }

    /** Empty for forever. The request's text is not echoed: it is the caller's, and may be anything. */
    private Optional<Lifetime> lifetime(Optional<String> requested) {
        if (requested.isEmpty()) {
            return lifetimes.defaultLifetime();
        }
        if (!lifetimes.allows(requested.get())) {
            throw new ApiException(ErrorCode.INVALID_LIFETIME, "This lifetime is not offered. Send one of: "
                    + String.join(", ", lifetimes.allowedLabels()) + "; or leave it out to get the default ("
                    + LifetimeChoices.label(lifetimes.defaultLifetime()) + ").");
        }
        // "forever" parses to empty, which is what forever is here.
        return Lifetime.parse(requested.get());
    }

    private String extension(String requested) {
        return ImageTypes.normalise(requested).filter(allowedExtensions::contains)
                .orElseThrow(() -> new ApiException(ErrorCode.UNSUPPORTED_EXTENSION,
                        "This file type is not accepted. Allowed types: " + allowedList + "."));
    }

    private long size(BigDecimal requested) {
        if (requested.signum() <= 0) {
            throw new ApiException(ErrorCode.INVALID_SIZE, "The size must be at least 1 byte.");
        }
        if (requested.compareTo(BigDecimal.valueOf(maxUploadBytes)) > 0) {
            throw new ApiException(ErrorCode.TOO_LARGE, "The file is larger than the limit of "
                    + ByteSizes.describe(maxUploadBytes) + ".");
        }
        if (requested.stripTrailingZeros().scale() > 0) {
            throw new ApiException(ErrorCode.INVALID_SIZE, "The size must be a whole number of bytes.");
        }
        return requested.longValueExact();
    }

    private static String sha256(String base64) {
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            digest = new byte[0];
        }
        if (digest.length != SHA256_BYTES) {
            throw new ApiException(ErrorCode.INVALID_SHA256,
                    "The sha256 must be the base64 encoding of a 32-byte SHA-256 digest (44 characters).");
        }
        // Re-encode: S3 compares the header text, so send the canonical form whatever padding was given.
        return Base64.getEncoder().encodeToString(digest);
    }
}
