package com.bestever.system;

import java.util.Optional;

/**
 * Where image files live: PostgreSQL here ({@link DatabaseImageStore}), so every instance serves
 * them; an object store can take its place by implementing these two methods. Files are
 * immutable: a name, once written, always means the same bytes.
 */
public interface ImageStore {

    /** A stored file. */
    record StoredFile(String contentType, byte[] bytes) {}

    /** Stores the file under the name, unless a file of that name is there already (same name, same bytes). */
    void put(String name, String contentType, byte[] bytes);

    Optional<StoredFile> get(String name);
}
