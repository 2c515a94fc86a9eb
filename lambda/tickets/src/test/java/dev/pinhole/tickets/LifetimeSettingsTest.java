package dev.pinhole.tickets;

import static dev.pinhole.tickets.TicketTesting.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinhole.core.ConfigurationException;
import dev.pinhole.core.Lifetime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PINHOLE_LIFETIMES and PINHOLE_DEFAULT_LIFETIME: what uploaders may choose, read once at start. */
class LifetimeSettingsTest {
    private static final String SUPPORTED = "(forever, 1d, 7d, 30d, 90d, 365d)";

    private static LifetimeChoices choices(String list, String defaultLifetime) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(TicketConfig.LIFETIMES, list);
        overrides.put(TicketConfig.DEFAULT_LIFETIME, defaultLifetime);
        return config(overrides).lifetimes();
    }

    private static String failure(String list, String defaultLifetime) {
        return assertThrows(ConfigurationException.class, () -> choices(list, defaultLifetime)).getMessage();
    }

    private static List<String> labels(LifetimeChoices choices) {
        return choices.lifetimes().stream().map(Lifetime::label).toList();
    }

    @Test
    void unset_offersForeverByDefaultAndThreeLifetimes() {
        // Given neither setting
        // When the configuration is read
        LifetimeChoices choices = choices(null, null);

        // Then forever, 1d, 7d and 30d are offered, forever being the default
        assertEquals(List.of("1d", "7d", "30d"), labels(choices));
        assertTrue(choices.foreverAllowed());
        assertEquals(Optional.empty(), choices.defaultLifetime());
        assertEquals(List.of("forever", "1d", "7d", "30d"), choices.allowedLabels());
    }

    @Test
    void list_isSortedShortestFirst_andTrimmed_andRepeatsCollapse() {
        // Given an operator's list out of order, spaced, with empty items and repeats
        // When it is read
        LifetimeChoices choices = choices(" 365d, 7d,,1d , 7d, forever,forever ", null);

        // Then the lifetimes are listed once each, shortest first, and forever stays the default
        assertEquals(List.of("1d", "7d", "365d"), labels(choices));
        assertTrue(choices.foreverAllowed());
        assertEquals(Optional.empty(), choices.defaultLifetime());
    }

    @Test
    void listWithoutForever_forbidsIt_andDefaultsToTheShortestLifetime() {
        // Given a deployment that keeps nothing forever
        // When its list is read without a default
        LifetimeChoices choices = choices("30d,7d", null);

        // Then forever is not allowed and the shortest listed lifetime is the default
        assertFalse(choices.foreverAllowed());
        assertEquals(Optional.of(new Lifetime(7)), choices.defaultLifetime());
        assertFalse(choices.allows("forever"));
        assertEquals(List.of("7d", "30d"), choices.allowedLabels());
    }

    @Test
    void onlyForever_offersNoLifetime() {
        // Given a deployment that offers no lifetimes at all
        LifetimeChoices choices = choices("forever", null);

        // Then every image is kept until deleted
        assertEquals(List.of(), choices.lifetimes());
        assertTrue(choices.foreverAllowed());
        assertEquals(Optional.empty(), choices.defaultLifetime());
    }

    @ParameterizedTest(name = "default {1} of {0}")
    @CsvSource({
            "'forever,1d,7d', 7d, 7d",
            "'forever,1d,7d', forever, forever",
            "'1d,7d,30d', 30d, 30d",
            "'forever,365d', 365d, 365d"})
    void defaultSetting_picksAListedChoice(String list, String setting, String expected) {
        // Given a list and a default from it
        // When they are read
        LifetimeChoices choices = choices(list, setting);

        // Then that is the default
        assertEquals(expected, LifetimeChoices.label(choices.defaultLifetime()));
    }

    @ParameterizedTest(name = "list item ''{0}'' is refused")
    @ValueSource(strings = {"2d", "7D", "Forever", "FOREVER", "1w", "24h", "07d", "0d", "-1d", "7", "d", "never",
            "infinite", "7 d", "7d;30d"})
    void list_refusesWhatIsNotASupportedLifetime(String item) {
        // Given a list naming something other than forever or a supported lifetime, next to good ones
        // When it is read
        String message = failure("forever,1d," + item, null);

        // Then start-up fails, quoting it and naming what is supported
        assertEquals(TicketConfig.LIFETIMES + ": '" + item + "' is not a lifetime Pinhole supports " + SUPPORTED,
                message);
    }

    @Test
    void list_refusesListWithNothingInIt() {
        // Given a list of separators only (a blank one counts as not set)
        // When it is read
        String message = failure(" , ,", null);

        // Then start-up fails rather than offering nothing
        assertEquals(TicketConfig.LIFETIMES + " lists no lifetime", message);
    }

    @ParameterizedTest(name = "default {1} is not in {0}")
    @CsvSource({
            "'1d,7d', 30d, '1d, 7d'",
            "'1d,7d', forever, '1d, 7d'",
            "'forever,7d', 1d, 'forever, 7d'"})
    void defaultSetting_mustBeListed(String list, String setting, String listed) {
        // Given a default the list does not offer
        // When they are read
        String message = failure(list, setting);

        // Then start-up fails, naming both settings and what is listed
        assertEquals(TicketConfig.DEFAULT_LIFETIME + " is '" + setting + "', which " + TicketConfig.LIFETIMES
                + " does not list (it lists " + listed + ")", message);
    }

    @ParameterizedTest(name = "default ''{0}'' is refused")
    @ValueSource(strings = {"2d", "7D", "Forever", "1w"})
    void defaultSetting_refusesWhatIsNotASupportedLifetime(String setting) {
        // Given a default that is no lifetime at all
        // When it is read
        String message = failure(null, setting);

        // Then start-up fails, quoting it and naming what is supported
        assertEquals(TicketConfig.DEFAULT_LIFETIME + ": '" + setting + "' is not a lifetime Pinhole supports "
                + SUPPORTED, message);
    }

    @Test
    void variables_nameBothSettings() {
        // The template test checks the stack sets exactly the variables the handler reads
        assertTrue(TicketConfig.VARIABLES.containsAll(List.of("PINHOLE_LIFETIMES", "PINHOLE_DEFAULT_LIFETIME")));
    }
}
