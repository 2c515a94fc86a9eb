package dev.pinhole.local;

import com.google.gson.JsonObject;
import dev.pinhole.testkit.TicketClient.Reply;
import java.util.function.Function;

/**
 * One way of using a ticket other than as issued, the answer the local S3 must give, what must be stored
 * afterwards, and what AWS S3 answers to the same request (documented, or expected where marked so).
 */
record Misuse(String name, int status, String s3Code, Stored stored, String aws, Function<JsonObject, Outcome> attempt) {

    /** What the store must hold afterwards under the ticket's key (and nothing anywhere else). */
    enum Stored {
        NOTHING("no"),
        TICKETS_BYTES("yes: the ticket's exact bytes and type"),
        ORIGINAL_UNCHANGED("original only, unchanged");

        final String description;

        Stored(String description) {
            this.description = description;
        }
    }

    /** The answer, and a key other than the ticket's where something was stored (null when there is none). */
    record Outcome(int status, String s3Code, String otherKey) {
        static Outcome of(Reply reply) {
            return new Outcome(reply.status(), reply.s3ErrorCode(), null);
        }

        static Outcome of(RawHttp.Response response) {
            return new Outcome(response.status(), response.s3ErrorCode(), null);
        }

        Outcome storedAt(String key) {
            return new Outcome(status, s3Code, key);
        }
    }
}
