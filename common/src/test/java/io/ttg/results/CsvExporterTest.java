package io.ttg.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttg.queue.ChunkOutput;
import io.ttg.queue.ChunkRange;
import io.ttg.queue.ClaimResult;
import io.ttg.queue.InMemoryChunkQueue;
import io.ttg.queue.Lease;
import io.ttg.queue.RunSpec;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CsvExporterTest {
    private final InMemoryChunkQueue queue = new InMemoryChunkQueue();

    @AfterEach
    void closeQueue() {
        queue.close();
    }

    private static RunSpec spec(long parameters, int chunkSize) {
        return new RunSpec("csv-test", parameters, chunkSize, "simulate", Map.of(), 3, 30_000,
                true, 0);
    }

    private List<Lease> claimAll(RunSpec spec) {
        List<Lease> leases = new ArrayList<>();
        while (queue.claim(spec, "w1") instanceof ClaimResult.Leased leased) {
            leases.add(leased.lease());
        }
        return leases;
    }

    /** Completes a chunk with result {@code index / 2} for each index, as saved by a worker. */
    private void completeWithHalves(Lease lease) {
        ChunkRange range = lease.range();
        double[] values = new double[(int) range.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (range.start() + i) / 2.0;
        }
        queue.complete(lease, new ChunkOutput("{}", ResultCodec.encode(values, values.length)));
    }

    private static String export(InMemoryChunkQueue queue, RunSpec spec, List<ChunkRange> missing)
            throws IOException {
        StringWriter out = new StringWriter();
        missing.addAll(CsvExporter.write(queue, spec, out));
        return out.toString();
    }

    @Test
    void write_outOfOrderChunks_writesIndexOrder() throws IOException {
        RunSpec spec = spec(7, 3);
        queue.enqueue(spec);
        List<Lease> leases = claimAll(spec);
        completeWithHalves(leases.get(2));
        completeWithHalves(leases.get(0));
        List<ChunkRange> missing = new ArrayList<>();

        String csv = export(queue, spec, missing);

        assertThat(csv).isEqualTo("index,result\n0,0\n1,0.5\n2,1\n6,3\n");
        assertThat(missing).containsExactly(new ChunkRange(1, 3, 6));
    }

    @Test
    void write_manyChunks_writesEveryIndexOnce() throws IOException {
        RunSpec spec = spec(1_000, 7);
        queue.enqueue(spec);
        List<Lease> leases = claimAll(spec);
        for (int i = leases.size() - 1; i >= 0; i--) {
            completeWithHalves(leases.get(i));
        }
        List<ChunkRange> missing = new ArrayList<>();

        String[] lines = export(queue, spec, missing).split("\n");

        assertThat(missing).isEmpty();
        assertThat(lines).hasSize(1_001);
        List<String> indices = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            indices.add(lines[i].substring(0, lines[i].indexOf(',')));
            expected.add(Integer.toString(i - 1));
        }
        assertThat(indices).isEqualTo(expected);
        assertThat(lines[1_000]).isEqualTo("999,499.5");
    }

    @Test
    void write_noChunkDone_reportsAllMissing() throws IOException {
        RunSpec spec = spec(25, 10);
        queue.enqueue(spec);
        List<ChunkRange> missing = new ArrayList<>();

        String csv = export(queue, spec, missing);

        assertThat(csv).isEqualTo("index,result\n");
        assertThat(missing).containsExactly(spec.range(0), spec.range(1), spec.range(2));
    }

    @Test
    void write_savedResultsOfWrongLength_isRejected() {
        RunSpec spec = spec(20, 10);
        queue.enqueue(spec);
        Lease lease = claimAll(spec).get(0);
        queue.complete(lease, new ChunkOutput("{}", ResultCodec.encode(new double[3], 3)));

        assertThatThrownBy(() -> CsvExporter.write(queue, spec, new StringWriter()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("chunk 0 [0, 10) has 3 saved results, expected 10");
    }
}
