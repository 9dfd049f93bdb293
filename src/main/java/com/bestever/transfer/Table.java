package com.bestever.transfer;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One table as the export format carries it: which columns (never a secret, never a reader's
 * address hash), of which kind, and which of them point at another table's id. The same spec
 * reads a row out ({@link #write}) and puts it back ({@link #value}), so the format and the
 * schema are described once.
 */
record Table(String name, Map<String, Kind> columns, Map<String, String> references) {

    /** How a column's value is written in JSON. */
    enum Kind {
        TEXT,
        LONG,
        INT,
        BOOL,
        DOUBLE,
        /** An instant, ISO-8601 in UTC. */
        TIME,
        /** A date, ISO-8601. */
        DATE
    }

    static Builder of(String name) {
        return new Builder(name);
    }

    String columnList() {
        return String.join(", ", columns.keySet());
    }

    /** The columns other than {@code id}, for comparing an item in a file with the site's. */
    List<String> contentColumns() {
        return columns.keySet().stream()
                .filter(column -> !column.equals("id")
                        && !column.equals("version")
                        && !column.endsWith("_by")
                        && !column.equals("created_at")
                        && !column.equals("updated_at"))
                .collect(Collectors.toList());
    }

    /** The row the result set stands on, as JSON fields. */
    void write(ResultSet row, ObjectNode into) throws SQLException {
        for (Map.Entry<String, Kind> column : columns.entrySet()) {
            String name = column.getKey();
            switch (column.getValue()) {
                case TEXT -> into.put(name, row.getString(name));
                case LONG -> into.put(name, (Long) row.getObject(name, Long.class));
                case INT -> into.put(name, (Integer) row.getObject(name, Integer.class));
                case BOOL -> into.put(name, (Boolean) row.getObject(name, Boolean.class));
                case DOUBLE -> into.put(name, (Double) row.getObject(name, Double.class));
                case TIME -> {
                    Timestamp at = row.getTimestamp(name);
                    into.put(name, at == null ? null : at.toInstant().toString());
                }
                case DATE -> {
                    Date day = row.getDate(name);
                    into.put(name, day == null ? null : day.toLocalDate().toString());
                }
            }
        }
    }

    /** A JSON field as the JDBC value of its column (null when absent). */
    Object value(String column, JsonNode node) {
        JsonNode field = node.get(column);
        if (field == null || field.isNull()) {
            return null;
        }
        Kind kind = columns.get(column);
        if (kind == null) {
            throw new ImportRefused("The file names a column this site does not know: " + name + "." + column + ".");
        }
        try {
            return switch (kind) {
                case TEXT -> field.asString();
                case LONG -> field.asLong();
                case INT -> field.asInt();
                case BOOL -> field.asBoolean();
                case DOUBLE -> field.asDouble();
                case TIME -> Timestamp.from(Instant.parse(field.asString()));
                case DATE -> Date.valueOf(LocalDate.parse(field.asString()));
            };
        } catch (RuntimeException ex) {
            throw new ImportRefused("The file's " + name + "." + column + " is not a valid value: " + field + ".");
        }
    }

    static final class Builder {
        private final String name;
        private final Map<String, Kind> columns = new LinkedHashMap<>();
        private final Map<String, String> references = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        Builder col(Kind kind, String... names) {
            for (String column : names) {
                columns.put(column, kind);
            }
            return this;
        }

        Builder ref(String column, String table) {
            columns.put(column, Kind.LONG);
            references.put(column, table);
            return this;
        }

        Table build() {
            return new Table(name, columns, references);
        }
    }
}
