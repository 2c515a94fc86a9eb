package dev.pinhole.tickets;

import java.util.Optional;

/** An upload the policy accepted: a normalised extension, its Content-Type, the exact size, an optional checksum. */
record ApprovedUpload(String extension, String contentType, long size, Optional<String> sha256Base64) {
}
