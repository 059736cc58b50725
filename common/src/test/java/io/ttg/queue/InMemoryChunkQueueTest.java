package io.ttg.queue;

import java.util.concurrent.atomic.AtomicLong;

class InMemoryChunkQueueTest extends ChunkQueueContract {
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

    @Override
    protected ChunkQueue newQueue() {
        return new InMemoryChunkQueue(clock::get);
    }

    @Override
    protected void advance(long millis) {
        clock.addAndGet(millis);
    }

    @Override
    protected ChunkQueue otherClient() {
        return queue;
    }
}
