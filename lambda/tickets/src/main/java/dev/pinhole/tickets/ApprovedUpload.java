package dev.pinhole.tickets;

import dev.pinhole.core.Lifetime;
import java.util.Optional;

/**
 * An upload the policy accepted: a normalised extension, its Content-Type, the exact size, an optional checksum,
 * and how long the image is kept (empty: forever, until deleted).
 */
record ApprovedUpload(String extension, String contentType, long size, Optional<String> sha256Base64,
                      Optional<Lifetime> lifetime) {
}
