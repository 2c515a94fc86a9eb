package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.config;
import static dev.pinhole.tickets.TicketTesting.environment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.core.ConfigurationException;
import dev.pinhole.core.Lifetime;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration is read once at start; every missing or invalid setting fails then, naming itself. */
class TicketConfigTest {

    private static String failure(String name, String value) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(name, value);
        return assertThrows(ConfigurationException.class, () -> config(overrides)).getMessage();
    }

    @Test
    void fromEnvironment_appliesDefaults() {
        // Given only the required settings
        Map<String, String> env = Map.of(TicketConfig.BUCKET, "images", TicketConfig.REGION, "eu-west-1",
                TicketConfig.PUBLIC_BASE_URL, "https://d111111abcdef8.cloudfront.net/");

        // When the configuration is read
        TicketConfig config = TicketConfig.fromEnvironment(env);

        // Then 20 MiB, 300 s, the six raster types, real S3, no CORS, no token and forever,1d,7d,30d apply
        assertEquals("images", config.bucket());
        assertEquals("eu-west-1", config.region());
        assertEquals(Optional.of(URI.create("https://d111111abcdef8.cloudfront.net")), config.publicBaseUrl());
        assertEquals(20L * 1024 * 1024, config.maxUploadBytes());
        assertEquals(Duration.ofSeconds(300), config.urlLifetime());
        assertEquals(Set.of("jpg", "jpeg", "png", "gif", "webp", "avif"), config.allowedExtensions());
        assertEquals(Optional.empty(), config.s3Endpoint());
        assertFalse(config.pathStyleAccess());
        assertEquals(List.of(), config.allowedOrigins());
        assertEquals(Optional.empty(), config.uploadToken());
        assertEquals(Optional.empty(), config.originSecret());
        assertEquals(new LifetimeChoices(List.of(new Lifetime(1), new Lifetime(7), new Lifetime(30)), true,
                Optional.empty()), config.lifetimes());
    }

    @ParameterizedTest(name = "missing {0} is reported by name")
    @ValueSource(strings = {TicketConfig.BUCKET, TicketConfig.REGION, TicketConfig.PUBLIC_BASE_URL})
    void fromEnvironment_namesMissingRequiredVariable(String name) {
        // Given an environment without one required variable, or with it blank
        Map<String, String> removed = new HashMap<>();
        removed.put(name, null);
        Map<String, String> missing = environment(removed);
        Map<String, String> blank = environment(Map.of(name, "  "));

        // When the configuration is read
        // Then start-up fails saying which variable is not set (the link base also names its alternative)
        assertTrue(assertThrows(ConfigurationException.class, () -> TicketConfig.fromEnvironment(missing))
                .getMessage().startsWith(name + " is not set"));
        assertTrue(assertThrows(ConfigurationException.class, () -> TicketConfig.fromEnvironment(blank))
                .getMessage().startsWith(name + " is not set"));
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({
            "PINHOLE_MAX_UPLOAD_BYTES, 0",
            "PINHOLE_MAX_UPLOAD_BYTES, -1",
            "PINHOLE_MAX_UPLOAD_BYTES, 20MB",
            "PINHOLE_MAX_UPLOAD_BYTES, 1.5",
            "PINHOLE_MAX_UPLOAD_BYTES, 1e6",
            "PINHOLE_MAX_UPLOAD_BYTES, 5368709121",
            "PINHOLE_MAX_UPLOAD_BYTES, 9223372036854775808",
            "PINHOLE_URL_LIFETIME_SECONDS, 0",
            "PINHOLE_URL_LIFETIME_SECONDS, 5m",
            "PINHOLE_URL_LIFETIME_SECONDS, 901",
            "PINHOLE_URL_LIFETIME_SECONDS, 604800",
            "PINHOLE_URL_LIFETIME_SECONDS, -300"})
    void fromEnvironment_refusesNumberOutOfRange(String name, String value) {
        // Given a number setting that is not a whole number in its range
        // When the configuration is read
        String message = failure(name, value);

        // Then the message names the variable, the range and the bad value
        assertTrue(message.startsWith(name + " must be a whole number from 1 to "), message);
        assertTrue(message.endsWith("not '" + value + "'"), message);
    }

    @ParameterizedTest(name = "{0}={1} is accepted")
    @CsvSource({
            "PINHOLE_MAX_UPLOAD_BYTES, 1",
            "PINHOLE_MAX_UPLOAD_BYTES, 5368709120",
            "PINHOLE_URL_LIFETIME_SECONDS, 1",
            "PINHOLE_URL_LIFETIME_SECONDS, 900"})
    void fromEnvironment_acceptsNumbersAtTheEdgesOfTheirRange(String name, String value) {
        // Given a number setting at the edge of its range
        // When the configuration is read
        TicketConfig config = config(Map.of(name, value));

        // Then it is used
        long used = name.equals(TicketConfig.MAX_UPLOAD_BYTES) ? config.maxUploadBytes()
                : config.urlLifetime().toSeconds();
        assertEquals(Long.parseLong(value), used);
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({
            "PINHOLE_PUBLIC_BASE_URL, images.example.com",
            "PINHOLE_PUBLIC_BASE_URL, ftp://images.example.com",
            "PINHOLE_PUBLIC_BASE_URL, https://",
            "PINHOLE_PUBLIC_BASE_URL, https://images.example.com?x=1",
            "PINHOLE_PUBLIC_BASE_URL, https://images.example.com#top",
            "PINHOLE_PUBLIC_BASE_URL, https://user:pw@images.example.com",
            "PINHOLE_PUBLIC_BASE_URL, https://images example.com",
            "PINHOLE_PUBLIC_BASE_URL, javascript:alert(1)",
            "PINHOLE_PUBLIC_BASE_URL, /relative/path",
            "PINHOLE_S3_ENDPOINT, localhost:9000",
            "PINHOLE_S3_ENDPOINT, s3://bucket"})
    void fromEnvironment_refusesUrlThatIsNotHttp(String name, String value) {
        // Given a URL setting that is not an absolute http(s) URL without query, fragment or credentials
        // When the configuration is read
        String message = failure(name, value);

        // Then the message names the variable and the bad value
        assertTrue(message.startsWith(name + " must be an http(s) URL"), message);
        assertTrue(message.endsWith("not '" + value + "'"), message);
    }

    @Test
    void fromEnvironment_readsEndpointPathStyleOriginsAndToken() {
        // Given the settings of an S3-compatible store, a cross-origin page and a private deployment
        TicketConfig config = config(Map.of(
                TicketConfig.S3_ENDPOINT, "http://127.0.0.1:9000/",
                TicketConfig.S3_PATH_STYLE, "TRUE",
                TicketConfig.ALLOWED_ORIGINS, " https://pinhole.example.org , http://localhost:8080 ",
                TicketConfig.UPLOAD_TOKEN, "t0ken"));

        // Then each is read as given, trimmed and without a trailing slash
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), config.s3Endpoint());
        assertTrue(config.pathStyleAccess());
        assertEquals(List.of("https://pinhole.example.org", "http://localhost:8080"), config.allowedOrigins());
        assertEquals(Optional.of("t0ken"), config.uploadToken());
    }

    @Test
    void fromEnvironment_refusesFlagThatIsNotTrueOrFalse() {
        // Given a path-style switch written as yes
        // When the configuration is read
        String message = failure(TicketConfig.S3_PATH_STYLE, "yes");

        // Then the message names the variable and the allowed values
        assertEquals(TicketConfig.S3_PATH_STYLE + " must be true or false, not 'yes'", message);
    }

    @Test
    void fromEnvironment_normalisesAllowedExtensions() {
        // Given an operator's list in mixed case, with dots, spaces and empty items
        TicketConfig config = config(Map.of(TicketConfig.ALLOWED_EXTENSIONS, " .PNG, jpg,,webp ,"));

        // Then the list is normalised
        assertEquals(Set.of("png", "jpg", "webp"), config.allowedExtensions());
    }

    @ParameterizedTest(name = "{0} is never allowed")
    @ValueSource(strings = {"svg", "SVG", ".svg", "svgz", "html", "htm", "xhtml", "xml", "js", "pdf"})
    void fromEnvironment_refusesExecutableExtensionWithReason(String extension) {
        // Given an operator listing a type browsers may run script in, next to safe ones
        // When the configuration is read
        String message = failure(TicketConfig.ALLOWED_EXTENSIONS, "png, " + extension + ", jpg");

        // Then start-up fails, saying why
        assertTrue(message.startsWith(TicketConfig.ALLOWED_EXTENSIONS + ": "), message);
        assertTrue(message.contains("never allowed"), message);
        assertTrue(message.contains("scripts"), message);
    }

    @ParameterizedTest(name = "{0} is not an image type")
    @ValueSource(strings = {"php", "exe", "txt", "mp4"})
    void fromEnvironment_refusesUnknownExtension(String extension) {
        // Given an operator listing an extension that is not in the image table
        // When the configuration is read
        String message = failure(TicketConfig.ALLOWED_EXTENSIONS, extension);

        // Then start-up fails, naming it
        assertEquals(TicketConfig.ALLOWED_EXTENSIONS + ": " + extension
                + " is not an image type Pinhole knows how to serve", message);
    }

    @ParameterizedTest(name = "{0} is not an extension")
    @ValueSource(strings = {"p/ng", "..png", "png.html", "\u0440ng", "*"})
    void fromEnvironment_refusesMalformedExtension(String extension) {
        // Given an operator listing something that is not a plain extension
        // When the configuration is read
        String message = failure(TicketConfig.ALLOWED_EXTENSIONS, "png," + extension);

        // Then start-up fails, quoting it
        assertEquals(TicketConfig.ALLOWED_EXTENSIONS + ": '" + extension + "' is not a file extension", message);
    }

    @Test
    void fromEnvironment_refusesListWithoutExtensions() {
        // Given an allowed-extensions list with only separators
        // When the configuration is read
        String message = failure(TicketConfig.ALLOWED_EXTENSIONS, " , ,");

        // Then start-up fails rather than allowing nothing, or everything
        assertEquals(TicketConfig.ALLOWED_EXTENSIONS + " lists no extension", message);
    }

    @ParameterizedTest(name = "origin {0} is refused")
    @ValueSource(strings = {"*", "https://*.example.org", "https://example.org/app", "https://example.org/",
            "example.org", "https://example.org?x", "null", "ftp://example.org"})
    void fromEnvironment_refusesOriginThatIsNotSchemeHostPort(String origin) {
        // Given an allowed-origins list with a wildcard, a path or something that is not an origin
        // When the configuration is read
        String message = failure(TicketConfig.ALLOWED_ORIGINS, "https://pinhole.example.org," + origin);

        // Then start-up fails, naming the variable
        assertTrue(message.startsWith(TicketConfig.ALLOWED_ORIGINS), message);
    }

    @ParameterizedTest(name = "origin {0} must be written as browsers send it")
    @ValueSource(strings = {"https://Pinhole.example.org", "https://pinhole.example.org:443", "http://localhost:80"})
    void fromEnvironment_refusesOriginSpelledAsNoBrowserSendsIt(String origin) {
        // Given an origin with capitals or an explicit default port, which would never match a browser's Origin
        // When the configuration is read
        String message = failure(TicketConfig.ALLOWED_ORIGINS, origin);

        // Then start-up fails and says how to write it
        assertTrue(message.contains("lower-case, without the default port"), message);
    }

    @Test
    void fromEnvironment_dropsEveryTrailingSlashOfTheLinkBase() {
        // Given a public base URL ending in several slashes
        TicketConfig config = config(Map.of(TicketConfig.PUBLIC_BASE_URL, "https://images.example.org//"));

        // When it is read
        // Then no slash is kept, so links get exactly one before the key
        assertEquals(Optional.of(URI.create("https://images.example.org")), config.publicBaseUrl());
    }
}
