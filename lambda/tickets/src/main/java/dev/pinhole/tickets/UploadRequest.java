package dev.pinhole.tickets;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A ticket request as the client wrote it, before any policy is applied. The size stays a BigDecimal
 * so that 2^63, 1e309 or 12.5 reach the policy intact instead of overflowing on the way.
 */
record UploadRequest(String extension, BigDecimal size, Optional<String> sha256, Optional<String> lifetime) {
}
