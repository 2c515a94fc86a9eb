package dev.pinhole.bench;

import org.openjdk.jmh.annotations.Fork;

/** Warm cost per request with the flags the Lambda Java runtimes start the JVM with: C1 only, serial GC. */
@Fork(value = 2, jvmArgsAppend = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"})
public class LambdaJvm extends TicketBenchmarks {
}
