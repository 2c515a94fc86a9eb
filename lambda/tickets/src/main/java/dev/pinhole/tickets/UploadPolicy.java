package dev.pinhole.tickets;

import dev.pinhole.core.ApiException;
import dev.pinhole.core.ErrorCode;
import dev.pinhole.core.ImageTypes;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Decides whether a ticket may be issued: the extension is allowed and 1 <= size <= the maximum. */
final class UploadPolicy {
    private static final int SHA256_BYTES = 32;

    private final Set<String> allowedExtensions;
    private final long maxUploadBytes;
    private final String allowedList;

    UploadPolicy(Set<String> allowedExtensions, long maxUploadBytes) {
        this.allowedExtensions = Set.copyOf(allowedExtensions);
        this.maxUploadBytes = maxUploadBytes;
        this.allowedList = String.join(", ", new TreeSet<>(allowedExtensions));
    }

    ApprovedUpload approve(UploadRequest request) {
        String extension = extension(request.extension());
        long size = size(request.size());
        Optional<String> sha256 = request.sha256().map(UploadPolicy::sha256);
        return new ApprovedUpload(extension, ImageTypes.contentType(extension), size, sha256);
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
