package com.bestever.system;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The image files in PostgreSQL ({@code image_file}, V81): written in the caller's transaction. */
@Component
class DatabaseImageStore implements ImageStore {

    private final JdbcTemplate jdbc;

    DatabaseImageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(String name, String contentType, byte[] bytes) {
        jdbc.update(
                "insert into image_file (name, content_type, bytes) values (?, ?, ?) on conflict (name) do nothing",
                name,
                contentType,
                bytes);
    }

    @Override
    public Optional<StoredFile> get(String name) {
        return jdbc
                .query(
                        "select content_type, bytes from image_file where name = ?",
                        (row, n) -> new StoredFile(row.getString(1), row.getBytes(2)),
                        name)
                .stream()
                .findFirst();
    }
}
