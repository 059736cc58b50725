package io.ttg.bench;

import io.ttg.redis.RedisConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts {@link Stopwatch}es and reads the CPU counters they compare: all processes' CPU time
 * from /proc/stat and the Redis server's from /proc/PID/stat, when that server runs on this
 * machine. Where /proc cannot be read, as outside Linux, those figures are unknown.
 */
final class CpuMeter {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final long redisPid;

    private CpuMeter(long redisPid) {
        this.redisPid = redisPid;
    }

    /** Returns a meter that watches no Redis server. */
    static CpuMeter withoutRedis() {
        return new CpuMeter(-1);
    }

    /**
     * Returns a meter that also reads the CPU time of the server behind {@code redis}, if the
     * process id in its INFO names a redis-server process on this machine.
     */
    static CpuMeter of(RedisConnection redis) {
        String pid = redis.info("server").get("process_id");
        if (pid == null || !pid.matches("\\d+")) {
            return withoutRedis();
        }
        String command = readFirstLine(Path.of("/proc", pid, "comm"));
        return new CpuMeter(command.startsWith("redis") ? Long.parseLong(pid) : -1);
    }

    Stopwatch start() {
        return new Stopwatch(this);
    }

    /** Returns whether {@link #redisTicks()} measures the Redis server. */
    boolean watchesRedis() {
        return redisPid > 0;
    }

    /**
     * Returns the clock ticks that all cores spent running processes and interrupts since boot,
     * or -1 where /proc/stat cannot be read.
     */
    long busyTicks() {
        String[] fields = readFirstLine(PROC_STAT).trim().split("\\s+");
        // Fields after "cpu": user nice system idle iowait irq softirq steal guest guest_nice.
        // Summed: user, nice, system, irq and softirq. Guest time is already in user time, and
        // steal is time taken by other virtual machines, not by processes on this one.
        try {
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(fields[field]);
            }
            return busy;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Returns the Redis server's user and system CPU time in clock ticks, or -1 if unknown. */
    long redisTicks() {
        if (!watchesRedis()) {
            return -1;
        }
        String line = readFirstLine(Path.of("/proc", Long.toString(redisPid), "stat"));
        // The command name in parentheses may contain spaces, so fields count from the last ')':
        // state is field 3 of the file, utime field 14 and stime field 15.
        String[] fields = line.substring(line.lastIndexOf(')') + 1).trim().split("\\s+");
        try {
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String readFirstLine(Path path) {
        try {
            return Files.readAllLines(path, StandardCharsets.US_ASCII).stream()
                    .findFirst()
                    .orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
