package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.MAX_BYTES;
import static dev.pinhole.tickets.TicketTesting.assertError;
import static dev.pinhole.tickets.TicketTesting.json;
import static dev.pinhole.tickets.TicketTesting.post;
import static dev.pinhole.tickets.TicketTesting.ticketRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The declared size becomes the signed Content-Length, so only whole numbers from 1 to the maximum pass. */
class SizeValidationTest {

    @ParameterizedTest(name = "size {0} is issued a ticket for {1} bytes")
    @CsvSource({
            "1, 1",
            "48213, 48213",
            MAX_BYTES + ", " + MAX_BYTES,
            "12.0, 12",
            "12.000, 12",
            "1e3, 1000",
            "1E+3, 1000",
            "0.12e2, 12"})
    void ticketRequest_acceptsWholeSizesFromOneToMax(String literal, long expected) {
        // Given a request whose size is a whole number within the limit, however it is written
        String body = ticketRequest("png", literal);

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then a ticket is issued for exactly that many bytes
        assertEquals(201, response.getStatusCode(), response::getBody);
        assertEquals(expected, json(response).get("size").getAsLong());
    }

    @ParameterizedTest(name = "size {0} is refused as invalid_size")
    @ValueSource(strings = {"0", "-0", "0.0", "-1", "-48213", "-1e309", "12.5", "0.5", "1e-999", "1.0000000001"})
    void ticketRequest_rejectsSizeBelowOneOrFractional(String literal) {
        // Given a size that is not a whole number of at least one byte
        String body = ticketRequest("png", literal);

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then it is refused as a bad size
        assertError(response, 400, "invalid_size");
    }

    @Test
    void ticketRequest_rejectsOversizedRequestByOneByte() {
        // Given a size one byte over the configured maximum
        String body = ticketRequest("png", String.valueOf(MAX_BYTES + 1));

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then it is refused as too large, and the message states the limit
        String message = assertError(response, 413, "too_large");
        assertEquals("The file is larger than the limit of 20 MiB (20971520 bytes).", message);
    }

    @ParameterizedTest(name = "size {0} is refused as too_large, not overflowed")
    @ValueSource(strings = {"9223372036854775808", "9223372036854775807", "18446744073709551616", "1e309",
            "1e2147483647", "123456789012345678901234567890.5"})
    void ticketRequest_rejectsHugeSizesWithoutOverflow(String literal) {
        // Given a size beyond long or double range (2^63, 1e309) that must not wrap into a small number
        String body = ticketRequest("png", literal);

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then it is refused as too large
        assertError(response, 413, "too_large");
    }

    @Test
    void ticketRequest_rejectsSizeWhoseExponentBigDecimalCannotHold() {
        // Given a number literal whose exponent is out of range even for BigDecimal
        String body = ticketRequest("png", "1e-2147483649");

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then it is a client error, not a fault
        assertError(response, 400, "invalid_field");
    }

    @ParameterizedTest(name = "size {0} is refused as not a number")
    @ValueSource(strings = {"\"12\"", "\"\"", "true", "null", "[12]", "{\"bytes\":12}"})
    void ticketRequest_rejectsSizeThatIsNotANumber(String literal) {
        // Given a size written as a string, boolean, null, array or object
        String body = ticketRequest("png", literal);

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then the field is refused as the wrong type
        assertError(response, 400, "invalid_field");
    }

    @Test
    void ticketRequest_rejectsMissingSize() {
        // Given a request without a size
        String body = "{\"extension\":\"png\"}";

        // When it is posted
        APIGatewayV2HTTPResponse response = post(body);

        // Then the missing field is named
        String message = assertError(response, 400, "missing_field");
        org.junit.jupiter.api.Assertions.assertTrue(message.contains("'size'"), message);
    }
}
