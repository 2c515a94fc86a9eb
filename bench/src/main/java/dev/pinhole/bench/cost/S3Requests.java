package dev.pinhole.bench.cost;

/** The S3 requests one upload costs, by price class (PUT, COPY, POST, LIST / GET / DELETE). */
record S3Requests(int puts, int gets, int deletes) {
}
