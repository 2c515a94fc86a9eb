package dev.pinhole.webtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The uploader's decisions (when to ask for a ticket again, when to wait, when to give up) driven with
 * fakes of its collaborators, as uploadFile's options allow: a scripted ticket service and PUT, a clock
 * and a sleep that only record. The module itself runs in Chromium, imported by the served page.
 */
class UploaderWithFakesTest extends PageTestBase {
    /** The SHA-256 of the three-byte file the harness uploads, as the page sends it. */
    private static final String SHA256 = "A5BYxvLAy0ksUzsKTRTvd8wPeKvMztUofYShogEc+4E=";
    private static final String ASK = "ticket png 3 " + SHA256 + " token=tok";
    private static final Map<String, Object> OK = Map.of();
    private static final Map<String, Object> NETWORK_DOWN = Map.of("fail", Map.of("type", "network"));
    private static final Map<String, Object> S3_BUSY = s3(503, "SlowDown", "Please reduce your request rate.");
    private static final Map<String, Object> S3_EXPIRED = s3(403, "AccessDenied", "Request has expired");

    /**
     * Runs uploadFile on a three-byte cat.png with scripted collaborators and reports what it did: the
     * calls it made in order ("ticket ...", "put T1", "sleep 1000"), the statuses it showed, and how it ended.
     */
    private static final String HARNESS = """
            async ({ tickets, puts, retry, realSleep, abortOnFirstFailure, answers }) => {
              const { uploadFile, UploadError } = await import('/js/upload.js');
              const { ApiError, NetworkError } = await import('/js/api.js');
              const calls = [];
              const statuses = [];
              const controller = new AbortController();
              let clock = Date.parse('2026-01-01T00:00:00Z');
              let issued = 0;
              const failure = (f) => {
                if (abortOnFirstFailure) {
                  setTimeout(() => controller.abort(), 0);
                }
                return f.type === 'network' ? new NetworkError(new TypeError('Failed to fetch'))
                  : f.type === 'api' ? new ApiError(f.status, f.code, f.message)
                  : new UploadError(f.status, f.code, f.message);
              };
              const options = {
                extension: 'png',
                token: 'tok',
                signal: controller.signal,
                onStatus: (text) => statuses.push(text),
                requestTicket: async (request, { token, signal }) => {
                  calls.push(`ticket ${request.extension} ${request.size} ${request.sha256} token=${token}`);
                  const next = tickets.shift();
                  if (next.fail) {
                    throw failure(next.fail);
                  }
                  issued += 1;
                  return { key: `T${issued}`, url: `https://img.test/i/T${issued}.png`,
                    expiresAt: new Date(clock + (next.expiresInMs ?? 300000)).toISOString(),
                    upload: { method: 'PUT', url: `https://s3.test/T${issued}`, headers: {} },
                    ...(answers ? { status: { method: 'GET', url: `https://img.test/api/images/T${issued}.png` } } : {}) };
                },
                checkStatus: async (action) => {
                  calls.push(`status ${action.method} ${action.url}`);
                  const next = answers.shift();
                  if (next.fail) {
                    throw failure(next.fail);
                  }
                  return next;
                },
                statusDelays: [250, 500, 1000, 2000],
                putFile: async (ticket) => {
                  calls.push(`put ${ticket.key}`);
                  const next = puts.shift();
                  if (next.fail) {
                    throw failure(next.fail);
                  }
                },
                now: () => clock,
                retry: {
                  delayMs: (attempt) => retry.delayMs ?? 1000 * attempt,
                  ...(retry.attempts ? { attempts: retry.attempts } : {}),
                  ...(retry.never ? { shouldRetry: () => false } : {}),
                },
              };
              if (!realSleep) {
                options.sleep = async (ms) => {
                  calls.push(`sleep ${ms}`);
                  clock += ms;
                };
              }
              const file = new File([new Uint8Array([1, 2, 3])], 'cat.png', { type: 'image/png' });
              try {
                const done = await uploadFile(file, options);
                const { removedWords } = await import('/js/publication.js');
                return { calls, statuses, outcome: `uploaded ${done.ticket.key}`
                  + (answers ? ` ${done.pending ? 'pending' : 'published'} ${done.url} ${removedWords(done.removed)}` : '') };
              } catch (error) {
                return { calls, statuses,
                  outcome: ['failed', error.name, error.s3Code ?? (typeof error.code === 'string' ? error.code : null)]
                    .filter(Boolean).join(' ') };
              }
            }""";

    @Override
    protected Map<String, String> environment() {
        return Map.of();
    }

    @BeforeEach
    void openThePage() {
        uploader.open();
    }

    @Test
    void networkErrorOnTheTicket_isRetriedAfterTheRulesDelay_thenTheUploadCompletes() {
        // Given a ticket service that is unreachable once, then answers
        Map<String, Object> run = upload(List.of(NETWORK_DOWN, OK), List.of(OK), Map.of());

        // Then the uploader waited the rule's delay, asked again with the same request, and uploaded
        assertEquals(List.of(ASK, "sleep 1000", ASK, "put T1"), run.get("calls"));
        assertEquals("uploaded T1", run.get("outcome"));
        assertEquals(List.of("Checking the file…", "Asking for an upload link…",
                "Interrupted; trying again in 1 s (attempt 2 of 5)…", "Asking for an upload link…", "Uploading…"),
                run.get("statuses"));
    }

    @Test
    void putRefusedAsExpired_getsAFreshTicket() {
        // Given S3 refusing the first PUT because its ticket expired
        Map<String, Object> run = upload(List.of(OK, OK), List.of(S3_EXPIRED, OK), Map.of());

        // Then the expired ticket is dropped and the second PUT uses a new one
        assertEquals(List.of(ASK, "put T1", "sleep 1000", ASK, "put T2"), run.get("calls"));
        assertEquals("uploaded T2", run.get("outcome"));
    }

    @Test
    void ticketThatExpiresWhileWaitingToRetry_isReplacedBeforeThePut() {
        // Given a ticket valid for 10 s, a busy S3, and a retry delay of 8 s (the fake clock moves on)
        Map<String, Object> run = upload(List.of(Map.of("expiresInMs", 10_000), OK), List.of(S3_BUSY, OK),
                Map.of("delayMs", 8_000));

        // Then the retry does not start a PUT with 2 s left on the ticket: it asks for a new one first
        assertEquals(List.of(ASK, "put T1", "sleep 8000", ASK, "put T2"), run.get("calls"));
        assertEquals("uploaded T2", run.get("outcome"));
    }

    @Test
    void ticketWithTimeLeftAfterTheWait_isUsedAgain() {
        // Given a ticket valid for 60 s, a busy S3, and a retry delay of 8 s
        Map<String, Object> run = upload(List.of(Map.of("expiresInMs", 60_000)), List.of(S3_BUSY, OK),
                Map.of("delayMs", 8_000));

        // Then the same ticket serves the second PUT
        assertEquals(List.of(ASK, "put T1", "sleep 8000", "put T1"), run.get("calls"));
        assertEquals("uploaded T1", run.get("outcome"));
    }

    @Test
    void refusalNotWorthRetrying_endsTheUploadAtOnce() {
        // Given a ticket service that refuses the file as too large
        Map<String, Object> run = upload(List.of(Map.of("fail", Map.of("type", "api", "status", 413,
                "code", "too_large", "message", "The file is larger than the limit."))), List.of(), Map.of());

        // Then there is no wait and no second request
        assertEquals(List.of(ASK), run.get("calls"));
        assertEquals("failed ApiError too_large", run.get("outcome"));
    }

    @Test
    void retryableFailure_givesUpAfterTheRulesAttempts() {
        // Given a rule of three attempts and a ticket service that never answers
        Map<String, Object> run = upload(List.of(NETWORK_DOWN, NETWORK_DOWN, NETWORK_DOWN, OK), List.of(OK),
                Map.of("attempts", 3));

        // Then it asked three times, waited twice, and failed with the last error
        assertEquals(List.of(ASK, "sleep 1000", ASK, "sleep 2000", ASK), run.get("calls"));
        assertEquals("failed NetworkError", run.get("outcome"));
    }

    @Test
    void retryRuleThatRetriesNothing_isFollowed() {
        // Given a rule that retries nothing, and a failure the default rule would retry
        Map<String, Object> run = upload(List.of(OK), List.of(S3_BUSY, OK), Map.of("never", true));

        // Then the first failure is final
        assertEquals(List.of(ASK, "put T1"), run.get("calls"));
        assertEquals("failed UploadError SlowDown", run.get("outcome"));
    }

    @Test
    void putWhoseAnswerWasLost_andThenRefusedAsAlreadyThere_countsAsUploaded() {
        // Given a PUT that landed but whose answer never arrived, and S3's If-None-Match refusal of the retry
        Map<String, Object> run = upload(List.of(OK), List.of(s3(0, null, null), s3(412, "PreconditionFailed",
                "At least one of the pre-conditions you specified did not hold")), Map.of());

        // Then the upload is done with the one ticket: the checksum S3 verified makes the stored bytes this file's
        assertEquals(List.of(ASK, "put T1", "sleep 1000", "put T1"), run.get("calls"));
        assertEquals("uploaded T1", run.get("outcome"));
    }

    @Test
    void cancelWhileWaitingToRetry_stopsWithoutAnotherRequest() {
        // Given the real sleep with a long delay, and Cancel pressed right after the first failure
        Map<String, Object> run = uploadAndCancel(List.of(NETWORK_DOWN, OK), List.of(OK), Map.of("delayMs", 600_000));

        // Then the wait ends at once with the AbortError, and no second ticket is asked for
        assertEquals(List.of(ASK), run.get("calls"));
        assertEquals("failed AbortError", run.get("outcome"));
    }

    private static final String STATUS = "status GET https://img.test/api/images/T1.png";
    private static final Map<String, Object> CHECKING = Map.of("state", "checking");

    @Test
    void statusAction_isAskedWithAGrowingBackoff_untilPublished_andTheRemovedKindsAreWorded() {
        // Given a publisher that is still checking twice, then publishes with location and camera removed
        Map<String, Object> run = publish(CHECKING, CHECKING, published("camera", "location"));

        // Then the status action was performed verbatim, 250 ms then 500 ms apart, and the link is the published one
        assertEquals(List.of(ASK, "put T1", STATUS, "sleep 250", STATUS, "sleep 500", STATUS), run.get("calls"));
        assertEquals("uploaded T1 published https://img.test/i/T1.png Location and camera details removed.",
                run.get("outcome"));
        assertEquals(List.of("Checking the file…", "Asking for an upload link…", "Uploading…", "Checking the image…"),
                run.get("statuses"));
    }

    @Test
    void statusAnswering404OrNetworkErrorsAtFirst_isAskedAgain_notFailed() {
        // Given an image API that answers 404 (not yet seen) and then loses the connection once
        Map<String, Object> run = publish(Map.of("fail", Map.of("type", "api", "status", 404, "code", "not_found")),
                NETWORK_DOWN, published());

        // Then both count as "not decided yet"; nothing was removed, so no sentence
        assertEquals(List.of(ASK, "put T1", STATUS, "sleep 250", STATUS, "sleep 500", STATUS), run.get("calls"));
        assertEquals("uploaded T1 published https://img.test/i/T1.png null", run.get("outcome"));
    }

    @Test
    void refusal_endsTheUploadWithThePublishersCode_andNoRetry() {
        // Given a publisher that refuses the image as truncated
        Map<String, Object> run = publish(Map.of("state", "refused",
                "reason", Map.of("code", "truncated", "message", "The file ends before the image does.")));

        // Then the upload fails with that code at once
        assertEquals(List.of(ASK, "put T1", STATUS), run.get("calls"));
        assertEquals("failed PublishRefusal truncated", run.get("outcome"));
    }

    @Test
    void publisherThatNeverDecides_isAskedABoundedNumberOfTimes_thenTheLinkIsGivenAsPending() {
        // Given a publisher stuck on "checking"
        Map<String, Object> run = publish(CHECKING, CHECKING, CHECKING, CHECKING, CHECKING, CHECKING);

        // Then the uploader stops after its last delay (2 s) and hands back the ticket's link, marked pending
        assertEquals(List.of(ASK, "put T1", STATUS, "sleep 250", STATUS, "sleep 500", STATUS, "sleep 1000", STATUS,
                "sleep 2000", STATUS), run.get("calls"));
        assertEquals("uploaded T1 pending https://img.test/i/T1.png null", run.get("outcome"));
    }

    @Test
    void serverWithoutAStatusAction_keepsTodaysBehaviour_theTicketsLinkAtOnce() {
        // Given an older server whose ticket has no status action
        Map<String, Object> run = upload(List.of(OK), List.of(OK), Map.of());

        // Then nothing is polled and the upload ends after the PUT
        assertEquals(List.of(ASK, "put T1"), run.get("calls"));
        assertEquals("uploaded T1", run.get("outcome"));
    }

    private Map<String, Object> upload(List<Map<String, Object>> tickets, List<Map<String, Object>> puts,
                                       Map<String, Object> retry) {
        return run(tickets, puts, retry, false, null);
    }

    /** One ticket and one good PUT, then the status action answered from {@code answers} in turn. */
    @SafeVarargs
    private final Map<String, Object> publish(Map<String, Object>... answers) {
        return run(List.of(OK), List.of(OK), Map.of(), false, List.of(answers));
    }

    private static Map<String, Object> published(String... removed) {
        return Map.of("state", "published", "url", "https://img.test/i/T1.png", "removed", List.of(removed));
    }

    /** The same with the real sleep, and Cancel pressed just after the first failure. */
    private Map<String, Object> uploadAndCancel(List<Map<String, Object>> tickets, List<Map<String, Object>> puts,
                                                Map<String, Object> retry) {
        return run(tickets, puts, retry, true, null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> run(List<Map<String, Object>> tickets, List<Map<String, Object>> puts,
                                    Map<String, Object> retry, boolean cancel, List<Map<String, Object>> answers) {
        Map<String, Object> arguments = new HashMap<>(Map.of("tickets", tickets, "puts", puts,
                "retry", retry, "realSleep", cancel, "abortOnFirstFailure", cancel));
        if (answers != null) {
            arguments.put("answers", answers);
        }
        return (Map<String, Object>) page.evaluate(HARNESS, arguments);
    }

    private static Map<String, Object> s3(int status, String code, String message) {
        Map<String, Object> failure = new HashMap<>(Map.of("type", "s3", "status", status));
        if (code != null) {
            failure.put("code", code);
            failure.put("message", message);
        }
        return Map.of("fail", failure);
    }
}
