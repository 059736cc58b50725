package io.ttg.bench;

import picocli.CommandLine.Option;

/** The {@code --redis-url} option that every benchmark has. */
final class RedisOption {
    @Option(names = "--redis-url", paramLabel = "URL",
            defaultValue = "${env:REDIS_URL:-redis://127.0.0.1:6379}",
            description = "Redis server for the runs, as redis://HOST:PORT; env REDIS_URL;"
                    + " default: redis://127.0.0.1:6379. Keys of the benchmark's runs are deleted"
                    + " afterwards.")
    String url;
}
