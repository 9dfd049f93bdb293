package com.bestever.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Image files for tests, drawn here: real JPEG and PNG bytes, and the hostile kinds editors might upload. */
public final class TestImages {

    /** What {@link #jpegWithGps} hides in its EXIF segment. */
    public static final String GPS_SECRET = "GPS 48.8584 N 2.2945 E";

    private TestImages() {}

    public static byte[] png(int width, int height) {
        return encode(drawn(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    public static byte[] jpeg(int width, int height) {
        return encode(drawn(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    /** A JPEG with an APP1 "Exif" segment (as cameras write one) that holds {@link #GPS_SECRET}. */
    public static byte[] jpegWithGps(int width, int height) {
        byte[] plain = jpeg(width, height);
        byte[] payload = ("Exif\0\0" + GPS_SECRET).getBytes(StandardCharsets.ISO_8859_1);
        int length = payload.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(payload, 0, payload.length);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** A JPEG cut off in the middle of its pixels. */
    public static byte[] truncatedJpeg() {
        byte[] whole = jpeg(800, 600);
        return Arrays.copyOf(whole, whole.length / 2);
    }

    /**
     * A PNG that says it is 20000 × 20000 pixels (its header is all a decoder reads first): the
     * pixel data is a token, the file tiny, the decoded image would be 1.6 GB.
     */
    public static byte[] hugePng() {
        byte[] small = png(200, 200);
        byte[] huge = small.clone();
        // IHDR's width and height sit at bytes 16..23; its CRC (24..27) is fixed below.
        writeInt(huge, 16, 20_000);
        writeInt(huge, 20, 20_000);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(huge, 12, 17);
        writeInt(huge, 29, (int) crc.getValue());
        return huge;
    }

    public static byte[] php() {
        return "<?php system($_GET['c']); ?>\n".getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] svgWithScript() {
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="400" height="600">
                  <script>alert(document.cookie)</script><rect width="400" height="600"/>
                </svg>
                """.getBytes(StandardCharsets.UTF_8);
    }

    private static void writeInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private static BufferedImage drawn(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x8a, 0x1c, 0x1c));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
