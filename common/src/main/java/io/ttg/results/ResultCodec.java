package io.ttg.results;

import io.ttg.queue.RunSpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Encodes one chunk's results for Redis: a 4-byte count, then the deflated big-endian doubles.
 * Deflate from the JDK keeps the image free of native libraries. Results of integer-valued
 * computations such as primes shrink to a small fraction of their 8 bytes per index.
 */
public final class ResultCodec {
    private static final int LEVEL = Deflater.BEST_SPEED;

    private ResultCodec() {}

    /** Encodes {@code values[0..count)}. */
    public static byte[] encode(double[] values, int count) {
        ByteBuffer raw = ByteBuffer.allocate(count * Double.BYTES);
        for (int i = 0; i < count; i++) {
            raw.putDouble(values[i]);
        }
        Deflater deflater = new Deflater(LEVEL);
        try {
            deflater.setInput(raw.array());
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 + count);
            out.writeBytes(ByteBuffer.allocate(4).putInt(count).array());
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * Decodes what {@link #encode} wrote.
     *
     * @throws IllegalArgumentException if the bytes are not encoded results
     */
    public static double[] decode(byte[] encoded) {
        if (encoded.length < 4) {
            throw new IllegalArgumentException("encoded results of " + encoded.length
                    + " bytes are shorter than their 4-byte header");
        }
        int count = ByteBuffer.wrap(encoded, 0, 4).getInt();
        if (count < 0) {
            throw new IllegalArgumentException("encoded results claim " + count + " values");
        }
        if (count > RunSpec.MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("encoded results claim " + count + " values,"
                    + " more than the " + RunSpec.MAX_CHUNK_SIZE + " of the largest chunk");
        }
        byte[] raw = inflate(encoded, count * Double.BYTES);
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = buffer.getDouble();
        }
        return values;
    }

    private static byte[] inflate(byte[] encoded, int length) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(encoded, 4, encoded.length - 4);
            byte[] raw = new byte[length];
            int filled = 0;
            while (filled < length && !inflater.finished()) {
                int n = inflater.inflate(raw, filled, length - filled);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                filled += n;
            }
            if (filled != length) {
                throw new IllegalArgumentException("encoded results hold " + filled
                        + " bytes of values, expected " + length);
            }
            return raw;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("encoded results are not deflated: "
                    + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
