package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.assertError;
import static dev.pinhole.tickets.TicketTesting.handler;
import static dev.pinhole.tickets.TicketTesting.json;
import static dev.pinhole.tickets.TicketTesting.postUploads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The optional "lifetime" of a ticket request: read by the parser, decided by the policy. */
class LifetimeRequestTest {

    private static String request(String lifetimeJson) {
        return "{\"extension\":\"png\",\"size\":10,\"lifetime\":" + lifetimeJson + "}";
    }

    private static APIGatewayV2HTTPResponse post(TicketHandler handler, String body) {
        return handler.handleRequest(postUploads(body), null);
    }

    @ParameterizedTest(name = "lifetime {0} is granted")
    @ValueSource(strings = {"1d", "7d", "30d", "forever"})
    void listedLifetime_isGranted(String lifetime) {
        // Given the default choices (forever, 1d, 7d, 30d)
        // When a ticket asks for one of them
        JsonObject ticket = json(TicketTesting.post(request("\"" + lifetime + "\"")));

        // Then the ticket keeps the image that long
        assertEquals(lifetime, ticket.get("lifetime").getAsString());
    }

    @Test
    void absentOrNullLifetime_getsTheDefault() {
        // Given a deployment whose default is 7d, and one whose default is forever
        TicketHandler sevenDays = handler(Map.of(TicketConfig.DEFAULT_LIFETIME, "7d"));
        TicketHandler forever = handler();

        // When tickets ask for no lifetime, or for null
        // Then each gets its deployment's default
        assertEquals("7d", json(post(sevenDays, "{\"extension\":\"png\",\"size\":10}")).get("lifetime").getAsString());
        assertEquals("7d", json(post(sevenDays, request("null"))).get("lifetime").getAsString());
        assertEquals("forever", json(post(forever, "{\"extension\":\"png\",\"size\":10}")).get("lifetime").getAsString());
        assertEquals("forever", json(post(forever, request("null"))).get("lifetime").getAsString());
    }

    @ParameterizedTest(name = "lifetime {0} is not a string")
    @ValueSource(strings = {"7", "1.5", "true", "false", "{}", "[\"7d\"]", "{\"days\":7}"})
    void lifetimeThatIsNotAString_isAnInvalidField(String value) {
        // Given a lifetime written as a number, a boolean, an object or an array
        // When it is posted
        String message = assertError(TicketTesting.post(request(value)), 400, "invalid_field");

        // Then the field is named and its shape explained
        assertTrue(message.contains("'lifetime'"), message);
        assertTrue(message.contains("string"), message);
    }

    @ParameterizedTest(name = "lifetime ''{0}'' is refused")
    @ValueSource(strings = {"", " 7d", "7d ", "7D", "Forever", "2d", "90d", "365d", "1w", "24h", "0d", "-1d", "07d",
            "never", "7d,30d"})
    void lifetimeNotOffered_isRefusedListingTheChoices(String lifetime) {
        // Given the default choices, and a lifetime that is not one of them (90d and 365d exist but are not listed)
        // When it is asked for
        String message = assertError(TicketTesting.post(request("\"" + lifetime + "\"")), 400, "invalid_lifetime");

        // Then the message lists what may be sent, and the default
        assertEquals("This lifetime is not offered. Send one of: forever, 1d, 7d, 30d; or leave it out to get the "
                + "default (forever).", message);
    }

    @Test
    void forever_isRefusedWhereTheDeploymentForbidsIt() {
        // Given a deployment that keeps nothing forever
        TicketHandler handler = handler(Map.of(TicketConfig.LIFETIMES, "30d,1d"));

        // When a ticket asks for forever
        String message = assertError(post(handler, request("\"forever\"")), 400, "invalid_lifetime");

        // Then it is refused with the lifetimes that are offered, and a ticket without one gets the shortest
        assertEquals("This lifetime is not offered. Send one of: 1d, 30d; or leave it out to get the default (1d).",
                message);
        assertEquals("1d", json(post(handler, "{\"extension\":\"png\",\"size\":10}")).get("lifetime").getAsString());
    }

    @Test
    void lifetimeGivenTwice_isADuplicateField() {
        // Given a body naming the lifetime twice (parsers disagree about which one wins)
        String body = "{\"extension\":\"png\",\"size\":10,\"lifetime\":\"forever\",\"lifetime\":\"1d\"}";

        // When it is posted
        String message = assertError(TicketTesting.post(body), 400, "duplicate_field");

        // Then the field is named
        assertTrue(message.contains("'lifetime'"), message);
    }

    @Test
    void unknownField_messageNamesEveryField() {
        // Given a field the API does not know
        // When it is posted
        String message = assertError(TicketTesting.post("{\"extension\":\"png\",\"size\":1,\"expires\":\"7d\"}"), 400,
                "unknown_field");

        // Then the message names the field and all those the API does know, lifetime among them
        assertEquals("Unknown field 'expires'. The fields are extension, size and the optional sha256 and lifetime.",
                message);
    }

    @ParameterizedTest(name = "{0} comes before the lifetime ({2})")
    @CsvSource({
            "'{\"extension\":\"svg\",\"size\":10,\"lifetime\":\"2d\"}', 415, unsupported_extension",
            "'{\"extension\":\"png\",\"size\":0,\"lifetime\":\"2d\"}', 400, invalid_size"})
    void otherRefusals_areUnchangedByALifetime(String body, int status, String code) {
        // Given a request that is wrong in another way too
        // When it is posted
        // Then the other refusal is the answer, as before lifetimes existed
        assertError(TicketTesting.post(body), status, code);
    }

    @Test
    void lifetimeRefusal_doesNotEchoWhatWasSent() {
        // Given a lifetime with markup and control characters
        String message = assertError(TicketTesting.post(request("\"<b>\\u001b[31m</b>\"")), 400, "invalid_lifetime");

        // Then none of it is quoted back
        assertFalse(message.contains("<b>"), message);
        assertTrue(message.chars().noneMatch(c -> c < 0x20), message);
    }
}
