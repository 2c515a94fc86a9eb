package dev.pinhole.bench.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The comparison's tables in markdown, as docs/BENCHMARKS.md shows them (bench/report.sh copies them there). */
final class MarkdownReport {
    /** local/'s ApiGatewayBridge: API Gateway's payload limit, checked before Lambda's 6 MB. */
    private static final long API_GATEWAY_PAYLOAD_BYTES = 10L << 20;
    private static final long LAMBDA_INVOCATION_BYTES = 6L << 20;
    private static final double MB = 1024 * 1024;

    private MarkdownReport() {
    }

    static String sideBySide(List<SizeResult> results) {
        StringBuilder table = header(3, "image", "design", "result", "through API Gateway: request + answer, bytes",
                "HTTP API requests billed (512 KB units)", "function time, ms: median (p90)",
                "allocated in the function per upload, MiB", "end-to-end, ms: median (p90)",
                "until the link serves it, ms: median (p90)");
        for (SizeResult size : results) {
            for (Figures design : size.designs()) {
                row(table, size(design.imageBytes()), design.design(), result(design),
                        bytes(design.apiRequestBytes()) + " + " + bytes(design.apiResponseBytes()),
                        String.valueOf(CostModel.meteredRequests(design.apiRequestBytes())),
                        functions(design, true), functions(design, false),
                        (design.stored() ? "" : "refused in ") + ms(design.endToEndMedianMs())
                                + " (" + ms(design.endToEndP90Ms()) + ")",
                        design.stored() ? ms(design.untilLiveMedianMs()) + " (" + ms(design.untilLiveP90Ms()) + ")" : "");
            }
        }
        return table.toString();
    }

    static String limits(Limits limits) {
        StringBuilder table = header(3, "design", "largest image it took here", "what sets that limit");
        row(table, "base64 baseline", bytes(limits.baselineLargestImage()) + " bytes (" + mib(limits.baselineLargestImage())
                        + "); its request is " + bytes(limits.baselineLargestRequest()) + " bytes of JSON",
                "Lambda's 6 MB (" + bytes(LAMBDA_INVOCATION_BYTES) + " bytes) per synchronous invocation, which bites"
                        + " first: the event carries the image as base64 (4 bytes for every 3) plus "
                        + bytes(LAMBDA_INVOCATION_BYTES - limits.baselineLargestRequest()) + " bytes of headers and"
                        + " request context. API Gateway's 10 MB alone would allow about "
                        + mib(API_GATEWAY_PAYLOAD_BYTES * 3 / 4) + ".");
        row(table, "Pinhole", bytes(limits.pinholeLargestImage()) + " bytes (" + mib(limits.pinholeLargestImage())
                        + "): a photo of exactly this size was uploaded and published; one byte more gets no ticket",
                "its own setting, PINHOLE_MAX_UPLOAD_BYTES (up to 5 GiB, S3's limit for one PUT): the API only carries"
                        + " a ticket request of a few dozen bytes, whatever the image's size.");
        return table.toString();
    }

    static String perMillion(List<SizeResult> results, CostParameters memory) {
        StringBuilder table = header(2, "image", "design", "Lambda invocations", "Lambda GB-s",
                "HTTP API requests billed", "S3 PUT / GET+HEAD / DELETE", "through API Gateway, GiB",
                "Lambda $", "HTTP API $", "S3 $", "total $", "base64 / Pinhole");
        for (SizeResult size : results) {
            List<CostModel.Row> rows = new ArrayList<>();
            for (Figures design : size.designs()) {
                rows.add(CostModel.perMillion(design, memory));
            }
            CostModel.Row baseline = rows.get(0);
            for (int i = 0; i < rows.size(); i++) {
                CostModel.Row cost = rows.get(i);
                String design = size.designs().get(i).design();
                if (cost == null) {
                    row(table, size(size.imageBytes()), design, "refused (limit): cannot take this size",
                            "", "", "", "", "", "", "", "", "");
                    continue;
                }
                String ratio = i == 0 ? "" : baseline == null ? "base64 cannot"
                        : String.format(Locale.ROOT, "%.2fx", baseline.totalDollars() / cost.totalDollars());
                S3Requests s3 = cost.s3PerUpload();
                row(table, size(size.imageBytes()), design, count(cost.lambdaInvocations()),
                        count(Math.round(cost.gbSeconds())), count(cost.apiRequests()),
                        count(s3.puts() * CostModel.UPLOADS) + " / " + count(s3.gets() * CostModel.UPLOADS) + " / "
                                + count(s3.deletes() * CostModel.UPLOADS),
                        String.format(Locale.ROOT, "%,.1f", cost.apiGigabytes()), dollars(cost.lambdaDollars()),
                        dollars(cost.apiDollars()), dollars(cost.s3Dollars()), "**" + dollars(cost.totalDollars()) + "**",
                        ratio);
            }
        }
        return table.toString();
    }

    static String prices() {
        StringBuilder table = header(3, "AWS list price (us-east-1)", "used", "published at");
        Prices.table().forEach(price -> row(table, price));
        return table.toString();
    }

    private static String result(Figures design) {
        if (design.stored()) {
            // Pinhole's uploads were each checked to be published; the baseline stores what it gets.
            return design.design().equals(PinholeUpload.LABEL) ? "published" : "stored";
        }
        if (design.apiRequestBytes() > API_GATEWAY_PAYLOAD_BYTES) {
            return "refused (limit): API Gateway's 10 MB payload";
        }
        return design.design().equals(PinholeUpload.LABEL) ? "refused (limit): its maximum size"
                : "refused (limit): Lambda's 6 MB invocation payload";
    }

    /** Each function's median and p90 time, or its median allocation, joined with "+". */
    private static String functions(Figures design, boolean time) {
        if (design.functions().isEmpty()) {
            return "not invoked";
        }
        List<String> parts = new ArrayList<>();
        for (Figures.FunctionFigures function : design.functions()) {
            parts.add((time ? ms(function.medianMs()) + " (" + ms(function.p90Ms()) + ")"
                    : String.format(Locale.ROOT, "%.2f", function.medianAllocatedBytes() / MB)) + " " + function.function());
        }
        return String.join(" + ", parts);
    }

    static String size(long bytes) {
        if (bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes(bytes) + " B";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / MB);
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 1 ? "%.3f" : millis < 100 ? "%.1f" : "%.0f", millis);
    }

    private static String bytes(long bytes) {
        return String.format(Locale.ROOT, "%,d", bytes);
    }

    private static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    private static String dollars(double dollars) {
        return String.format(Locale.ROOT, "%,.2f", dollars);
    }

    /** A table's heading: the first {@code textColumns} columns left-aligned, the figures after them right-aligned. */
    private static StringBuilder header(int textColumns, String... columns) {
        StringBuilder table = new StringBuilder();
        row(table, columns);
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < columns.length; i++) {
            rule.append(i < textColumns ? " --- |" : " ---: |");
        }
        return table.append(rule).append('\n');
    }

    private static void row(StringBuilder table, String... cells) {
        table.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
