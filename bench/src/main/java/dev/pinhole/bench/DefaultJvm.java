package dev.pinhole.bench;

import org.openjdk.jmh.annotations.Fork;

/** Warm cost per request on a JVM with its default flags (C2, G1). */
@Fork(2)
public class DefaultJvm extends TicketBenchmarks {
}
