package dev.pinhole.images.publish;

import dev.pinhole.images.format.Cleaning;
import dev.pinhole.images.format.ImageFormat;
import dev.pinhole.images.format.Inspection;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The publisher's log lines, one per decision, to standard output (CloudWatch on Lambda, the console in the
 * local stack). Names only, never image bytes or anything from inside a file but the formats' own detail.
 */
final class PublishLog {
    private final PrintStream out;

    PublishLog(PrintStream out) {
        this.out = out;
    }

    void outcome(String name, Outcome outcome) {
        out.println("pinhole-publisher: " + name + " " + outcome.name().toLowerCase(java.util.Locale.ROOT));
    }

    void accepted(String name, Inspection inspection, Cleaning cleaning) {
        out.println("pinhole-publisher: " + name + " is a " + inspection.width() + "x" + inspection.height()
                + " image of " + inspection.frames() + " frame(s); removed " + cleaning.removed());
    }

    void refused(String name, String code, String detail) {
        out.println("pinhole-publisher: " + name + " refused: " + code + " (" + detail + ")");
    }

    void ignored(String what, String why) {
        out.println("pinhole-publisher: ignored " + what + ": " + why);
    }

    /** A format threw something other than a Refusal: a bug to fix, so the stack trace is worth its lines. */
    void formatBug(String name, ImageFormat format, Throwable bug) {
        StringWriter trace = new StringWriter();
        bug.printStackTrace(new PrintWriter(trace));
        out.println("pinhole-publisher: BUG in " + format.getClass().getName() + " checking " + name + ": "
                + trace.toString().replace('\n', '\r'));
    }
}
