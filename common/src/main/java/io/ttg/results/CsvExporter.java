package io.ttg.results;

import io.ttg.compute.ResultFormat;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.ChunkRange;
import io.ttg.queue.RunSpec;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** Writes a run's saved results as CSV lines {@code index,result} in index order. */
public final class CsvExporter {
    private static final int CHUNKS_PER_READ = 64;

    private CsvExporter() {}

    /**
     * Writes a header and one line per index of every chunk with saved results.
     *
     * @return the chunks that had no saved results, in order
     */
    public static List<ChunkRange> write(ChunkQueue queue, RunSpec spec, Writer out)
            throws IOException {
        List<ChunkRange> missing = new ArrayList<>();
        StringBuilder line = new StringBuilder(64);
        out.write("index,result\n");
        for (long first = 0; first < spec.chunkCount(); first += CHUNKS_PER_READ) {
            int count = (int) Math.min(CHUNKS_PER_READ, spec.chunkCount() - first);
            List<byte[]> encoded = queue.results(spec.runId(), first, count);
            for (int i = 0; i < count; i++) {
                ChunkRange range = spec.range(first + i);
                if (encoded.get(i) == null) {
                    missing.add(range);
                    continue;
                }
                writeChunk(range, ResultCodec.decode(encoded.get(i)), line, out);
            }
        }
        out.flush();
        return missing;
    }

    private static void writeChunk(ChunkRange range, double[] values, StringBuilder line,
            Writer out) throws IOException {
        if (values.length != range.size()) {
            throw new IllegalStateException(range + " has " + values.length
                    + " saved results, expected " + range.size());
        }
        for (int i = 0; i < values.length; i++) {
            line.setLength(0);
            line.append(range.start() + i).append(',').append(ResultFormat.format(values[i]))
                    .append('\n');
            out.append(line);
        }
    }
}
