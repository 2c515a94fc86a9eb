package dev.pinhole.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that the one who started a local stack can move forward: the system's UTC time plus an offset. Tests
 * (here, clitest's and webtest's) hand one to {@link LocalOptions#withClock} and {@link #advance} it past an
 * image's removeAfter, then call {@link LocalStack#expireNow()}; nothing outside the JVM that started the stack
 * can reach it. Production functions take {@link Clock#systemUTC()} and never see this class.
 */
public final class LocalClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset;

    private LocalClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    /** The system's UTC clock, not moved yet. */
    public static LocalClock systemUTC() {
        return new LocalClock(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO));
    }

    /** Moves this clock (and every copy of it in other zones) forward by {@code amount}; it keeps running. */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a local clock only moves forward, as expiry assumes: " + amount);
        }
        offset.accumulateAndGet(amount, Duration::plus);
    }

    /** How far this clock has been moved ahead of the system's. */
    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(base.getZone()) ? this : new LocalClock(base.withZone(zone), offset);
    }
}
