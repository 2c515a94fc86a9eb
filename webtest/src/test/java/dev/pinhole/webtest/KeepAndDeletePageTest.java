package dev.pinhole.webtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.RequestOptions;
import dev.pinhole.core.DeleteToken;
import dev.pinhole.local.LocalOptions;
import dev.pinhole.testkit.SampleImages;
import dev.pinhole.testkit.TicketClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page's Keep choice and its recent list's Delete, in real Chromium through the local stack: the chosen
 * lifetime reaches the ticket, the list shows when the image goes, Delete (after a confirmation) takes the link
 * down, a refused delete changes nothing, and deleted or expired images leave the list.
 */
class KeepAndDeletePageTest extends PageTestBase {
    private static final String STORE = "pinhole.recent.v1";
    /** What the page shows in en-GB in UTC, the browser's settings here: "8 Dec 2026, 10:00". */
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK)
            .withZone(ZoneOffset.UTC);

    /**
     * The functions' clock (ticket handler, publisher, the stack's expiry), standing still so that a removeAfter is
     * exactly known; some years ahead, so that this browser's own clock never finds an entry expired by itself.
     */
    private final StillClock clock = new StillClock(Instant.parse("2030-01-01T10:00:00Z"));
    private final List<String> deletes = new CopyOnWriteArrayList<>();
    private final List<String> ticketRequests = new CopyOnWriteArrayList<>();
    private final List<JsonObject> tickets = new CopyOnWriteArrayList<>();

    @Override
    protected Map<String, String> environment() {
        return Map.of();
    }

    @Override
    protected LocalOptions options() {
        return LocalOptions.TESTS.withClock(clock);
    }

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return super.contextOptions().setLocale("en-GB").setTimezoneId("UTC");
    }

    @BeforeEach
    void recordRequests() {
        deletes.clear();
        ticketRequests.clear();
        tickets.clear();
        page.onRequest(request -> {
            if ("DELETE".equals(request.method())) {
                deletes.add(request.url() + " " + request.headerValue(DeleteToken.HEADER));
            }
            if (request.url().endsWith("/api/uploads") && "POST".equals(request.method())) {
                ticketRequests.add(request.postData());
            }
        });
        page.onResponse(response -> {
            if (response.url().endsWith("/api/uploads") && response.status() == 201) {
                tickets.add(JsonParser.parseString(response.text()).getAsJsonObject());
            }
        });
    }

    @Test
    void keepSevenDays_sendsTheLifetime_andTheListShowsWhenTheImageIsRemoved() {
        // Given the page of a server that offers lifetimes
        uploader.open();
        Locator keep = page.getByLabel("Keep");
        assertEquals(List.of("Forever", "1 day", "7 days", "30 days"), keep.locator("option").allInnerTexts());
        assertEquals("forever", keep.inputValue(), "the server's default is preselected");

        // When 7 days is chosen and an image uploaded
        keep.selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("7 days"));
        String link = upload("week.png");

        // Then the ticket request carried the lifetime, the ticket's removal time is 7 days after it was issued (by the
        // stack's clock), and that is what the list shows
        assertEquals("7d", JsonParser.parseString(ticketRequests.get(0)).getAsJsonObject().get("lifetime").getAsString());
        JsonObject ticket = tickets.get(0);
        assertEquals("7d", ticket.get("lifetime").getAsString());
        Instant removeAfter = Instant.parse(ticket.get("removeAfter").getAsString());
        assertEquals(clock.instant().plus(Duration.ofDays(7)), removeAfter);
        assertEquals(link, page.locator("#recent .recent-link").first().getAttribute("href"));
        String shown = "Removed on " + SHOWN.format(removeAfter);
        assertEquals(shown, page.locator("#recent .recent-removal").first().innerText());
        assertTrue(UploaderPage.stateText(uploader.rowsIn("done").first()).contains(shown + "."),
                UploaderPage.stateText(uploader.rowsIn("done").first()));
        assertEquals(ticket.get("removeAfter").getAsString(), storedEntry(0).get("removeAfter").getAsString());
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(screenshotDirectory().resolve("keep-7-days.png")));
    }

    @Test
    void deploymentWithoutForever_offersOnlyItsLifetimes_andPreselectsItsDefault() {
        // Given limits (routed: the local stack's settings keep Forever) that forbid keeping images forever
        page.route("**/api/limits", route -> {
            JsonObject limits = JsonParser.parseString(route.fetch().text()).getAsJsonObject();
            limits.add("lifetimes", JsonParser.parseString("[\"1d\",\"7d\",\"30d\",\"90d\",\"365d\"]"));
            limits.addProperty("defaultLifetime", "30d");
            limits.addProperty("foreverAllowed", false);
            route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json")
                    .setBody(limits.toString()));
        });

        // When the page opens
        uploader.open();

        // Then there is no Forever, and the deployment's default is chosen
        Locator keep = page.getByLabel("Keep");
        assertEquals(List.of("1 day", "7 days", "30 days", "90 days", "1 year"), keep.locator("option").allInnerTexts());
        assertEquals("30d", keep.inputValue());
    }

    @Test
    void serverWithoutLifetimes_showsNoKeepChoice_andSendsNoLifetime() {
        // Given an older server's limits, without lifetimes
        page.route("**/api/limits", route -> {
            JsonObject limits = JsonParser.parseString(route.fetch().text()).getAsJsonObject();
            List.of("lifetimes", "defaultLifetime", "foreverAllowed").forEach(limits::remove);
            route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json")
                    .setBody(limits.toString()));
        });
        uploader.open();

        // When an image is uploaded
        upload("plain.png");

        // Then no choice was shown and the request had no lifetime in it
        assertTrue(page.locator("#keep-row").isHidden());
        assertEquals(false, JsonParser.parseString(ticketRequests.get(0)).getAsJsonObject().has("lifetime"),
                ticketRequests.get(0));
    }

    @Test
    void delete_afterConfirming_takesTheLinkDown_andTheEntryLeavesTheList() {
        // Given an uploaded, published image in the recent list
        uploader.open();
        String link = upload("oops.png");
        String token = storedEntry(0).getAsJsonObject("delete").getAsJsonObject("headers")
                .get(DeleteToken.HEADER).getAsString();

        // When Delete is pressed and confirmed
        deleteButton("oops.png").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Delete oops.png?"));
        dialog.waitFor();
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshotDirectory().resolve("delete-confirmation.png")));
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete").setExact(true)).click();

        // Then the ticket's delete action was performed once, the page says so, the entry is gone, and so is the link
        page.locator("#recent-message", new Page.LocatorOptions().setHasText("Deleted.")).waitFor();
        assertEquals(List.of(tickets.get(0).getAsJsonObject("delete").get("url").getAsString() + " " + token), deletes);
        assertEquals(0, page.locator("#recent .recent-item").count());
        assertEquals("[]", page.evaluate("(key) => localStorage.getItem(key)", STORE));
        assertEquals(404, page.request().get(link).status(), "the link stops serving at once");
        assertEquals(404, page.evaluate("(url) => fetch(url, { cache: 'no-store' }).then((r) => r.status)", link));
        assertEquals("recent-message", page.evaluate("() => document.activeElement.id"), "focus stays by the list");
        Locator row = uploader.rowsIn("deleted").first();
        assertEquals("Deleted. Its link no longer works.", UploaderPage.stateText(row));
        assertEquals(0, row.locator(".copy-link").count(), "the upload's row no longer offers the link");
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshotDirectory().resolve("deleted.png")));
    }

    @Test
    void cancellingTheConfirmation_withTheButtonOrEscape_deletesNothing() {
        // Given an uploaded image in the recent list
        uploader.open();
        String link = upload("keep-me.png");

        // When Delete is pressed and the confirmation cancelled, once with Cancel and once with Escape
        deleteButton("keep-me.png").click();
        page.locator("dialog#confirm[open]").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Cancel")).click();
        deleteButton("keep-me.png").click();
        page.locator("dialog#confirm[open]").waitFor();
        page.keyboard().press("Escape");

        // Then no delete was sent, the entry stays, focus is back on its Delete button, and the link still serves
        uploader.waitForHidden("dialog#confirm");
        assertEquals(List.of(), deletes);
        assertEquals(1, page.locator("#recent .recent-item").count());
        assertEquals("Delete keep-me.png", page.evaluate("() => document.activeElement.getAttribute('aria-label')"));
        assertEquals(200, page.request().get(link).status());
    }

    @Test
    void tamperedDeleteToken_isRefused_thePageSaysSo_andTheImageStays() {
        // Given an uploaded image whose stored delete token has been altered
        uploader.open();
        String link = upload("mine.png");
        page.evaluate("(key) => { const entries = JSON.parse(localStorage.getItem(key));"
                + "const headers = entries[0].delete.headers;"
                + "for (const name of Object.keys(headers)) { headers[name] = headers[name].replace(/^./, (c) => c === 'A' ? 'B' : 'A'); }"
                + "localStorage.setItem(key, JSON.stringify(entries)); }", STORE);
        page.reload();
        page.locator("#recent .recent-item").first().waitFor();

        // When it is deleted from the list
        confirmDelete("mine.png");

        // Then the server's refusal is explained, the entry stays with its Delete button, and the link still serves
        Locator message = page.locator("#recent-message", new Page.LocatorOptions().setHasText("Not deleted."));
        message.waitFor();
        assertEquals("Not deleted. The delete key this browser kept does not belong to this image, so the image was "
                + "not deleted and is still online.", message.innerText());
        assertEquals(1, deletes.size());
        assertEquals(1, page.locator("#recent .recent-item").count());
        assertTrue(deleteButton("mine.png").isEnabled());
        assertEquals(200, page.request().get(link).status());
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshotDirectory().resolve("delete-refused.png")));
    }

    @Test
    void imageDeletedElsewhere_leavesTheListOnLoad_andDeletingItAgainFromAnotherTabSaysDeleted() {
        // Given two uploads in the list; one is deleted by another client (the script, say) with its token
        uploader.open();
        upload("first.png");
        upload("second.png");
        deleteWithStoredAction(1);

        // When the page is loaded again
        page.reload();

        // Then the deleted one has left the list, and the page says why
        page.locator("#recent-message", new Page.LocatorOptions().setHasText("first.png is no longer online")).waitFor();
        assertEquals(List.of("second.png"), page.locator("#recent .recent-link").allInnerTexts());

        // And when the other is deleted elsewhere while this page is open, its Delete meets 410 and counts as done
        deleteWithStoredAction(0);
        confirmDelete("second.png");
        page.locator("#recent-message", new Page.LocatorOptions().setHasText("Deleted.")).waitFor();
        assertEquals(0, page.locator("#recent .recent-item").count());
    }

    @Test
    void imageKeptOneDay_leavesTheList_onceTheStacksClockHasPassedItsRemovalAndExpiryRan() {
        // Given an image kept for 1 day, in the list with its removal time
        uploader.open();
        page.getByLabel("Keep").selectOption("1d");
        String link = upload("brief.png");
        Instant removeAfter = Instant.parse(storedEntry(0).get("removeAfter").getAsString());

        // When the stack's clock passes that time and its expiry runs (S3 lifecycle's stand-in)
        clock.set(removeAfter.plusSeconds(1));
        stack.expireNow();

        // Then the link no longer serves, and on the next load the list asks, hears 404, and lets the entry go
        assertEquals(404, page.request().get(link).status());
        page.reload();
        page.locator("#recent-message", new Page.LocatorOptions().setHasText("brief.png is no longer online")).waitFor();
        assertEquals(0, page.locator("#recent .recent-item").count());
    }

    @Test
    void entryWhoseRemovalTimeHasPassed_leavesTheListOnLoad() {
        // Given two entries in the store, one whose removeAfter has passed
        uploader.open();
        page.evaluate("(key) => localStorage.setItem(key, JSON.stringify(["
                + "{ url: location.origin + '/i/AAAAAAAAAAAAAAAAAAAAAA.png', name: 'gone.png', removeAfter: '2001-01-01T00:00:00Z' },"
                + "{ url: location.origin + '/i/BBBBBBBBBBBBBBBBBBBBBB.png', name: 'later.png', removeAfter: '2999-01-01T00:00:00Z' }]))",
                STORE);

        // When the page loads
        page.reload();
        page.locator("#recent .recent-item").first().waitFor();

        // Then only the one still to come is listed, with its date, and the expired one is gone from the store too
        assertEquals(List.of("later.png"), page.locator("#recent .recent-link").allInnerTexts());
        assertEquals("Removed on 1 Jan 2999, 00:00", page.locator("#recent .recent-removal").innerText());
        assertEquals(1, ((Number) page.evaluate("(key) => JSON.parse(localStorage.getItem(key)).length", STORE)).intValue());
    }

    @Test
    void entryWhoseStatusAnswers404_leavesTheListOnLoad() {
        // Given an entry whose image the API does not know (expired and removed, say) and one without a status action
        uploader.open();
        page.evaluate("(key) => localStorage.setItem(key, JSON.stringify(["
                + "{ url: location.origin + '/i/CCCCCCCCCCCCCCCCCCCCCC.png', name: 'vanished.png',"
                + "  status: { method: 'GET', url: location.origin + '/api/images/CCCCCCCCCCCCCCCCCCCCCC.png' } },"
                + "{ url: location.origin + '/i/DDDDDDDDDDDDDDDDDDDDDD.png', name: 'old.png' }]))", STORE);

        // When the page loads and asks
        page.reload();

        // Then the one the API answered 404 for leaves; the old one, which cannot be asked about, stays
        page.locator("#recent-message", new Page.LocatorOptions().setHasText("vanished.png is no longer online")).waitFor();
        assertEquals(List.of("old.png"), page.locator("#recent .recent-link").allInnerTexts());
    }

    /** A clock that stands still until a test moves it. */
    private static final class StillClock extends Clock {
        private volatile Instant now;

        StillClock(Instant start) {
            now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Uploads one PNG through the picker, waits until it is published and served; returns its link. */
    private String upload(String name) {
        int before = uploader.rowsIn("done").count();
        uploader.choose(new FilePayload(name, "image/png", SampleImages.png(90 + before, 60)));
        uploader.waitForRows("done", before + 1);
        String link = UploaderPage.linkOf(uploader.rowsIn("done").first());
        assertEquals(200, new TicketClient(stack.baseUrl()).awaitServed(URI.create(link)).status());
        return link;
    }

    private Locator deleteButton(String name) {
        return page.locator("#recent").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Delete " + name).setExact(true));
    }

    private void confirmDelete(String name) {
        deleteButton(name).click();
        page.locator("dialog#confirm[open]").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Delete").setExact(true)).click();
    }

    /** The stored entry at this index, as the page saved it. */
    private JsonObject storedEntry(int index) {
        String stored = (String) page.evaluate("(key) => localStorage.getItem(key)", STORE);
        assertNotNull(stored);
        return JsonParser.parseString(stored).getAsJsonArray().get(index).getAsJsonObject();
    }

    /** Performs the stored entry's delete action from outside the page, as another client would. */
    private void deleteWithStoredAction(int index) {
        JsonObject action = storedEntry(index).getAsJsonObject("delete");
        RequestOptions options = RequestOptions.create().setMethod(action.get("method").getAsString());
        action.getAsJsonObject("headers").entrySet()
                .forEach(header -> options.setHeader(header.getKey(), header.getValue().getAsString()));
        APIResponse answer = page.request().fetch(action.get("url").getAsString(), options);
        assertEquals(200, answer.status(), answer.text());
    }
}
