package com.bestever.transfer;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zip read under {@link TransferLimits}, refused whole before anything is written when it is
 * hostile: too many entries, more inflated bytes than allowed (declared or actually inflated), an
 * entry that inflates far beyond its compressed size (a zip bomb), or an entry name that would
 * climb out of a folder (path traversal: {@code ../}, an absolute path, a backslash, a drive).
 */
final class SafeZip implements Closeable {

    /** Plain names: folders and file names of letters, digits, dots, dashes and underscores. */
    private static final Pattern SAFE_NAME =
            Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._ -]*(/[A-Za-z0-9_][A-Za-z0-9._ -]*)*/?");

    private final ZipFile zip;
    private final Map<String, ZipEntry> entries = new LinkedHashMap<>();
    private final TransferLimits limits;
    private long inflated;

    private SafeZip(ZipFile zip, TransferLimits limits) {
        this.zip = zip;
        this.limits = limits;
    }

    static boolean looksLikeZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }

    static SafeZip open(Path file, TransferLimits limits) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException | IllegalArgumentException ex) {
            throw new ImportRefused("This file is not a readable zip: " + ex.getMessage() + ".");
        }
        SafeZip safe = new SafeZip(zip, limits);
        try {
            safe.check(Files.size(file));
        } catch (RuntimeException ex) {
            zip.close();
            throw ex;
        }
        return safe;
    }

    private void check(long fileSize) {
        if (zip.size() > limits.maxEntries()) {
            throw new ImportRefused("This zip holds " + zip.size() + " entries: the most an import takes is "
                    + limits.maxEntries() + ". Nothing was imported.");
        }
        long declared = 0;
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            String name = entry.getName();
            if (name.contains("..") || !SAFE_NAME.matcher(name).matches()) {
                throw new ImportRefused("This zip has an entry whose name could reach outside its folder (\""
                        + ExportFormat.cut(name) + "\"): it is refused and nothing was imported.");
            }
            if (entry.getSize() > 0
                    && entry.getCompressedSize() > 0
                    && entry.getSize() > 1024 * 1024
                    && entry.getSize() / entry.getCompressedSize() > limits.maxRatio()) {
                throw bomb();
            }
            declared += Math.max(0, entry.getSize());
            if (declared > limits.maxInflated().toBytes()) {
                throw bomb();
            }
            if (!entry.isDirectory()) {
                entries.put(name, entry);
            }
        }
        if (fileSize > 0 && declared / fileSize > limits.maxRatio() && declared > 1024 * 1024) {
            throw bomb();
        }
    }

    private ImportRefused bomb() {
        return new ImportRefused("This zip would inflate to far more than its size (a \"zip bomb\"): the most an"
                + " import inflates is " + limits.maxInflated().toMegabytes() + " MB, at most " + limits.maxRatio()
                + " times the compressed size. Nothing was imported.");
    }

    List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
    }

    boolean has(String name) {
        return entries.containsKey(name);
    }

    /** The entry's bytes as they inflate, counted against the limits whatever its header declared. */
    InputStream open(String name) throws IOException {
        ZipEntry entry = entries.get(name);
        if (entry == null) {
            throw new ImportRefused("The file has no " + name + ".");
        }
        long allowed =
                entry.getSize() >= 0 ? entry.getSize() : limits.maxInflated().toBytes();
        return new FilterInputStream(zip.getInputStream(entry)) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) {
                read += n;
                inflated += n;
                if (read > allowed || inflated > limits.maxInflated().toBytes()) {
                    throw bomb();
                }
            }
        };
    }

    String text(String name) throws IOException {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    byte[] bytes(String name) throws IOException {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
