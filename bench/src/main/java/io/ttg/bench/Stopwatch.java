package io.ttg.bench;

import java.lang.management.ManagementFactory;

/**
 * Measures, from its start to {@link #stop()}, the wall-clock time, this JVM's CPU time, the
 * Redis server's CPU time and the cores that all other processes kept busy. The last figure shows
 * how much other users of a shared machine competed for the cores during a measurement.
 */
final class Stopwatch {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final CpuMeter meter;
    private final long startBusyTicks;
    private final long startRedisTicks;
    private final long startCpuNanos;
    private final long startNanos;

    Stopwatch(CpuMeter meter) {
        this.meter = meter;
        this.startBusyTicks = meter.busyTicks();
        this.startRedisTicks = meter.redisTicks();
        this.startCpuNanos = OS.getProcessCpuTime();
        this.startNanos = System.nanoTime();
    }

    Measurement stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cpuSeconds = (OS.getProcessCpuTime() - startCpuNanos) / 1e9;
        double ticksPerSecond = Machine.clockTicksPerSecond();
        double redisSeconds = Double.NaN;
        long redisTicks = meter.redisTicks();
        if (startRedisTicks >= 0 && redisTicks >= 0) {
            redisSeconds = (redisTicks - startRedisTicks) / ticksPerSecond;
        }
        double otherCores = Double.NaN;
        long busyTicks = meter.busyTicks();
        if (startBusyTicks >= 0 && busyTicks >= 0) {
            double busySeconds = (busyTicks - startBusyTicks) / ticksPerSecond;
            double others = busySeconds - cpuSeconds;
            others -= Double.isNaN(redisSeconds) ? 0 : redisSeconds;
            otherCores = Math.max(0, others / seconds);
        }
        return new Measurement(seconds, cpuSeconds, redisSeconds, otherCores);
    }
}
