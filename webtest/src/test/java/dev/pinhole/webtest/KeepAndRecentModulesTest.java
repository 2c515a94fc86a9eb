package dev.pinhole.webtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Route;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page's lifetime and recent-list modules (lifetimes.js, recent.js, api.js's deleteImage), imported in the
 * served page and called directly: the decisions a deployment's settings or an old browser store can reach but
 * the local stack's defaults do not.
 */
class KeepAndRecentModulesTest extends PageTestBase {
    @Override
    protected Map<String, String> environment() {
        return Map.of();
    }

    @BeforeEach
    void openThePage() {
        uploader.open();
    }

    @Test
    void lifetimeLabels_readAsPeopleSayThem() {
        // Given every lifetime the server can offer, one it may offer one day, and one the page cannot read
        List<String> labels = List.of("forever", "1d", "7d", "30d", "90d", "365d", "730d", "2w");

        // When the page words them
        Object words = page.evaluate("async (labels) => {"
                + "const { lifetimeWords } = await import('/js/lifetimes.js');"
                + "return labels.map(lifetimeWords); }", labels);

        // Then they are the words on the Keep choice; an unreadable label is shown as the server wrote it
        assertEquals(List.of("Forever", "1 day", "7 days", "30 days", "90 days", "1 year", "2 years", "2w"), words);
    }

    @Test
    void keepChoices_followTheServersLimits() {
        // Given the limits of three deployments and of an older server
        List<Map<String, Object>> limits = List.of(
                Map.of("lifetimes", List.of("1d", "7d", "30d"), "defaultLifetime", "forever", "foreverAllowed", true),
                Map.of("lifetimes", List.of("1d", "7d", "30d"), "defaultLifetime", "7d", "foreverAllowed", false),
                Map.of("lifetimes", List.of("7d", "90d"), "defaultLifetime", "1d", "foreverAllowed", false),
                Map.of("maxBytes", 10));

        // When the page builds its Keep choice for each
        Object choices = page.evaluate("async (all) => {"
                + "const { keepChoices } = await import('/js/lifetimes.js');"
                + "return all.map((limits) => { const { options, selected } = keepChoices(limits);"
                + "  return options.map((o) => (o.value === selected ? '*' : '') + o.value + '=' + o.text).join(', '); }); }",
                limits);

        // Then Forever comes first when allowed and never otherwise; the default is preselected, or when the server
        // names one it does not offer, Forever or else the shortest; an older server gets no choice at all
        assertEquals(List.of("*forever=Forever, 1d=1 day, 7d=7 days, 30d=30 days",
                "1d=1 day, *7d=7 days, 30d=30 days",
                "*7d=7 days, 90d=90 days",
                ""), choices);
    }

    @Test
    void entryForATicket_keepsItsActionsVerbatim_andOldOrBrokenEntriesStillLoad() {
        // Given a ticket with status and delete actions and a removal time, and a store holding an entry from
        // before delete links, one with a broken delete action and one that is not an entry at all
        Object loaded = page.evaluate("async () => {"
                + "const recent = await import('/js/recent.js');"
                + "localStorage.setItem('pinhole.recent.v1', JSON.stringify(["
                + "  { url: 'https://img.test/i/old.png', name: 'old.png' },"
                + "  { url: 'https://img.test/i/odd.png', name: 'odd.png', delete: { url: 'javascript:alert(1)' } },"
                + "  { url: 'not a link', name: 'x' }]));"
                + "const ticket = { status: { method: 'GET', url: 'https://img.test/api/images/new.png' },"
                + "  delete: { method: 'DELETE', url: 'https://img.test/api/images/new.png',"
                + "    headers: { 'x-pinhole-delete-token': 'tok-123' } },"
                + "  removeAfter: '2030-01-08T10:00:00Z', upload: { url: 'https://s3.test/u/new.png' } };"
                + "recent.addRecent(recent.entryFor(ticket, { url: 'https://img.test/i/new.png', name: 'new.png',"
                + "  size: 3, uploadedAt: '2030-01-01T10:00:00Z' }));"
                + "return recent.loadRecent().map((e) => ({ name: e.name, delete: recent.deleteActionOf(e),"
                + "  status: recent.statusActionOf(e), removeAfter: e.removeAfter ?? null, upload: e.upload ?? null })); }");

        // Then the new entry keeps both actions exactly and its removal time, never the upload URL; the old
        // entry has no delete action, and the broken one's is not offered
        Map<String, Object> none = new java.util.HashMap<>();
        none.put("delete", null);
        none.put("status", null);
        none.put("removeAfter", null);
        none.put("upload", null);
        Map<String, Object> old = new java.util.HashMap<>(none);
        old.put("name", "old.png");
        Map<String, Object> odd = new java.util.HashMap<>(none);
        odd.put("name", "odd.png");
        Map<String, Object> fresh = new java.util.HashMap<>(none);
        fresh.putAll(Map.of("name", "new.png",
                "delete", Map.of("method", "DELETE", "url", "https://img.test/api/images/new.png",
                        "headers", Map.of("x-pinhole-delete-token", "tok-123")),
                "status", Map.of("method", "GET", "url", "https://img.test/api/images/new.png"),
                "removeAfter", "2030-01-08T10:00:00Z"));
        assertEquals(List.of(fresh, old, odd), loaded);
    }

    @Test
    void expiry_isDecidedByRemoveAfter_atTheGivenMoment() {
        // Given entries removed after noon, after one o'clock, and never
        Object kept = page.evaluate("async () => {"
                + "const recent = await import('/js/recent.js');"
                + "recent.clearRecent();"
                + "for (const [name, removeAfter] of [['noon', '2030-01-01T12:00:00Z'], ['one', '2030-01-01T13:00:00Z'],"
                + "    ['never', undefined]]) {"
                + "  recent.addRecent({ url: `https://img.test/i/${name}.png`, name, removeAfter }); }"
                + "const dropped = recent.dropExpired(Date.parse('2030-01-01T12:00:00Z'));"
                + "return { dropped, left: recent.loadRecent().map((e) => e.name) }; }");

        // Then at noon exactly the noon entry has expired (its link no longer works) and leaves; the others stay
        assertEquals(Map.of("dropped", List.of("noon"), "left", List.of("never", "one")), kept);
    }

    @Test
    void deleteImage_performsTheActionVerbatim_andReportsRefusalsWithTheirStatus() {
        // Given an image API that answers 200, then 403, then 410 (the route records what reaches it)
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Integer> answers = new CopyOnWriteArrayList<>(List.of(200, 403, 410));
        page.route("**/api/images/**", route -> {
            seen.add(route.request().method() + " " + route.request().url() + " "
                    + route.request().headerValue("x-pinhole-delete-token"));
            int status = answers.remove(0);
            String body = status == 200 ? "{\"state\":\"deleted\"}"
                    : "{\"error\":{\"code\":\"" + (status == 403 ? "delete_token_invalid" : "gone") + "\",\"message\":\"m\"}}";
            route.fulfill(new Route.FulfillOptions().setStatus(status).setContentType("application/json").setBody(body));
        });

        // When the page performs one delete action three times
        Object outcomes = page.evaluate("async (base) => {"
                + "const { deleteImage } = await import('/js/api.js');"
                + "const { deleteFailureWords } = await import('/js/errors.js');"
                + "const action = { method: 'DELETE', url: base + '/api/images/abc.png',"
                + "  headers: { 'x-pinhole-delete-token': 'tok-123' } };"
                + "const outcomes = [];"
                + "for (let i = 0; i < 3; i++) {"
                + "  try { outcomes.push((await deleteImage(action)).state); }"
                + "  catch (e) { outcomes.push(`${e.status} ${e.code}: ${deleteFailureWords(e)}`); } }"
                + "return outcomes; }", stack.baseUrl().toString());

        // Then each request was the action itself, and the answers read as the page words them
        String request = "DELETE " + stack.baseUrl() + "/api/images/abc.png tok-123";
        assertEquals(List.of(request, request, request), seen);
        assertEquals(List.of("deleted",
                "403 delete_token_invalid: The delete key this browser kept does not belong to this image, so the "
                        + "image was not deleted and is still online.",
                "410 gone: The image was already deleted."), outcomes);
    }
}
