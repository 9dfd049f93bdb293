package com.bestever.system;

import com.twelvemonkeys.image.ResampleOp;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Editors' images, done once at upload: the file's content is sniffed (JPEG, PNG or WebP by its
 * first bytes, never by its name or the browser's word), its size and pixels are checked before it
 * is decoded, it is decoded by the ImageIO plug-ins (TwelveMonkeys for JPEG and WebP), any
 * decoder warning (a truncated file) refuses it, and it is written again as plain JPEG pixels in a
 * few widths ({@link #WIDTHS}, resized with TwelveMonkeys' Lanczos {@link ResampleOp}): no EXIF,
 * GPS, ICC or comment survives. The renditions are named by a hash of the upload and their width
 * ({@code {key}-{width}.jpg}), so their addresses change whenever their content does and can be
 * cached for ever.
 */
@Service
public class Images {

    /** The largest upload taken. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    /** The most pixels an upload may have (decoding a bigger one costs too much memory). */
    public static final long MAX_PIXELS = 40_000_000L;
    /** Neither side longer than this. */
    public static final int MAX_SIDE = 10_000;
    /** Neither side shorter than this: smaller images look broken on every page. */
    public static final int MIN_SIDE = 100;

    /** The widths renditions are made in (no wider than the upload); the last is also the widest kept. */
    static final List<Integer> WIDTHS = List.of(160, 320, 640, 960, 1280, 1600);

    /** Changes when the way renditions are made changes, so their names (and caches) change too. */
    private static final String PIPELINE = "jpeg-q82-lanczos-v1";

    private static final float QUALITY = 0.82f;

    private final ImageStore store;

    Images(ImageStore store) {
        this.store = store;
    }

    /** A checked, decoded upload, ready to be stored. */
    public record Upload(String key, BufferedImage pixels) {}

    /** The widths an image whose widest rendition is {@code largest} pixels wide is stored in. */
    public static List<Integer> widthsFor(int largest) {
        List<Integer> widths = new ArrayList<>();
        for (int width : WIDTHS) {
            if (width < largest) {
                widths.add(width);
            }
        }
        widths.add(largest);
        return widths;
    }

    /** Checks an uploaded file and decodes it; {@link ImageRejected} says what is wrong with it. */
    public Upload check(MultipartFile file) throws ImageRejected {
        if (file.getSize() > MAX_BYTES) {
            throw new ImageRejected("This file is larger than 10 MB: upload a smaller image.");
        }
        try {
            return check(file.getBytes());
        } catch (IOException ex) {
            throw new ImageRejected("The upload did not arrive whole: try again.");
        }
    }

    /** Checks an image file's bytes and decodes it. */
    public Upload check(byte[] bytes) throws ImageRejected {
        if (bytes.length > MAX_BYTES) {
            throw new ImageRejected("This file is larger than 10 MB: upload a smaller image.");
        }
        String format = sniff(bytes);
        if (format == null) {
            throw new ImageRejected("This file is not a JPEG, PNG or WebP image.");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
                throw new ImageRejected("This image is " + width + " × " + height + " pixels: the most taken is "
                        + MAX_SIDE + " pixels a side and 40 megapixels.");
            }
            if (width < MIN_SIDE || height < MIN_SIDE) {
                throw new ImageRejected("This image is " + width + " × " + height + " pixels: upload one at least "
                        + MIN_SIDE + " pixels on each side.");
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            ImageReadParam param = reader.getDefaultReadParam();
            // Decode no more than twice the widest rendition needs.
            int step = Math.max(1, width / (2 * WIDTHS.get(WIDTHS.size() - 1)));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage pixels = reader.read(0, param);
            if (!warnings.isEmpty() || (format.equals("jpeg") && !endsLikeJpeg(bytes))) {
                throw new ImageRejected("This image is damaged or cut short: export it again and upload that.");
            }
            return new Upload(key(bytes), pixels);
        } catch (IOException | RuntimeException ex) {
            throw new ImageRejected(
                    "This image could not be read: it may be damaged. Export it again and upload that.");
        } finally {
            reader.dispose();
        }
    }

    /**
     * Stores the upload's renditions (in the caller's transaction, with the database store) and
     * returns the picture that shows them.
     */
    public Picture store(Upload upload, String alt) {
        BufferedImage rgb = flatten(upload.pixels());
        int largest = Math.min(rgb.getWidth(), WIDTHS.get(WIDTHS.size() - 1));
        int largestHeight = Math.max(1, Math.round((float) rgb.getHeight() * largest / rgb.getWidth()));
        for (int width : widthsFor(largest)) {
            int height = Math.max(1, Math.round((float) rgb.getHeight() * width / rgb.getWidth()));
            BufferedImage resized = width == rgb.getWidth()
                    ? rgb
                    : new ResampleOp(width, height, ResampleOp.FILTER_LANCZOS).filter(rgb, null);
            store.put(upload.key() + "-" + width + ".jpg", "image/jpeg", jpeg(resized));
        }
        return new Picture(upload.key(), largest, largestHeight, alt);
    }

    /** JPEG, PNG or WebP by the file's first bytes ("magic numbers"), or null. */
    static String sniff(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return "jpeg";
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        if (startsWith(bytes, png, 0)) {
            return "png";
        }
        if (startsWith(bytes, "RIFF".getBytes(), 0) && startsWith(bytes, "WEBP".getBytes(), 8)) {
            return "webp";
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix, int at) {
        if (bytes.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A whole JPEG ends with its End Of Image marker (some cameras pad it with zeros). */
    private static boolean endsLikeJpeg(byte[] bytes) {
        int end = bytes.length;
        while (end > 2 && bytes[end - 1] == 0) {
            end--;
        }
        return end >= 2 && (bytes[end - 2] & 0xFF) == 0xFF && (bytes[end - 1] & 0xFF) == 0xD9;
    }

    private static String key(byte[] bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(PIPELINE.getBytes());
            return HexFormat.of().formatHex(sha.digest(bytes)).substring(0, 24);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Plain RGB pixels: transparency over white, any colour model to sRGB. */
    private static BufferedImage flatten(BufferedImage source) {
        BufferedImage rgb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** Pixels only: a JPEG with no metadata of its own beyond JFIF. */
    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
