package com.bestever.system;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip stream (RFC 1952) of {@code before + value + after} where only the value changes per
 * answer: {@code before} and {@code after} are compressed once, each by its own deflater into
 * whole DEFLATE blocks (RFC 1951) ending on a byte boundary, and the value goes between them as
 * a stored (uncompressed) block. So an answer costs a copy and a CRC-32, not a compression.
 */
record GzipAround(byte[] head, byte[] tail) {

    /** The gzip header: deflate, no name, no time, unknown system. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** A stored block holds at most this many bytes. */
    private static final int STORED_MOST = 65535;

    static GzipAround of(byte[] before, byte[] after) {
        ByteArrayOutputStream head = new ByteArrayOutputStream(before.length / 3 + 64);
        head.writeBytes(HEADER);
        // Not final, flushed to a byte boundary (SYNC_FLUSH ends with an empty stored block).
        head.writeBytes(deflate(before, false));
        // A new deflater refers to nothing before it, so its blocks follow any others; this one ends the stream.
        return new GzipAround(head.toByteArray(), deflate(after, true));
    }

    /** The whole gzip stream with {@code value} in the middle; {@code plain} is the uncompressed whole (for its CRC). */
    byte[] around(byte[] value, byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + value.length + tail.length + 32);
        out.writeBytes(head);
        for (int at = 0; at < value.length; at += STORED_MOST) {
            int length = Math.min(STORED_MOST, value.length - at);
            out.write(0); // not final, stored, padded to the byte
            out.write(length & 0xff);
            out.write(length >>> 8);
            out.write(~length & 0xff);
            out.write((~length >>> 8) & 0xff);
            out.write(value, at, length);
        }
        out.writeBytes(tail);
        CRC32 crc = new CRC32();
        crc.update(plain);
        writeInt(out, (int) crc.getValue());
        writeInt(out, plain.length);
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        for (int i = 0; i < 4; i++) {
            out.write((value >>> (8 * i)) & 0xff);
        }
    }

    /** Raw DEFLATE of {@code bytes}: the stream's last blocks, or blocks flushed to a byte boundary. */
    private static byte[] deflate(byte[] bytes, boolean last) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(bytes);
            if (last) {
                deflater.finish();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
            byte[] buffer = new byte[8192];
            while (true) {
                int n = last
                        ? deflater.deflate(buffer)
                        : deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
                if (last ? deflater.finished() : n < buffer.length) {
                    return out.toByteArray();
                }
            }
        } finally {
            deflater.end();
        }
    }
}
