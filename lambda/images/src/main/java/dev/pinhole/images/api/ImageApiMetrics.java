package dev.pinhole.images.api;

import dev.pinhole.core.log.Telemetry;
import java.util.List;

/**
 * The image API's CloudWatch metrics, in namespace {@value Telemetry#NAMESPACE} with dimension
 * {@value Telemetry#FUNCTION_DIMENSION} = {@value #FUNCTION}: the names the template's alarms and dashboard refer
 * to, so that a check can hold them against this list. docs/DEPLOY.md ("Logs and metrics") says what each means.
 */
public final class ImageApiMetrics {
    /** The value of the Function dimension on every line of this function. */
    public static final String FUNCTION = "images";

    /** Count: a status answered (200), also by {@link #STATE} (checking, published, refused, deleted). */
    public static final String STATUS_LOOKUPS = "StatusLookups";
    /** Count: an image (or its upload) deleted with its delete token. */
    public static final String DELETES = "Deletes";
    /** Count: a DELETE refused, also by {@link #ERROR_CODE} (delete_token_invalid, gone, not_found). */
    public static final String DELETES_REFUSED = "DeletesRefused";
    /** Count: any other request refused (404 for a name never issued, 405), also by {@link #ERROR_CODE}. */
    public static final String REQUESTS_REFUSED = "RequestsRefused";
    /** Count: a 500, our fault (S3 failed, a bug); its line carries the exception with its stack. */
    public static final String INTERNAL_ERRORS = "InternalErrors";

    /** The dimension of {@link #STATUS_LOOKUPS}: the state answered. */
    public static final String STATE = "State";
    /** The dimension of {@link #DELETES_REFUSED} and {@link #REQUESTS_REFUSED}: core's ErrorCode. */
    public static final String ERROR_CODE = "ErrorCode";

    public static final List<String> ALL = List.of(STATUS_LOOKUPS, DELETES, DELETES_REFUSED, REQUESTS_REFUSED,
            INTERNAL_ERRORS);

    private ImageApiMetrics() {
    }
}
