package ru.supportgateway.db;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Many rows in one statement ({@code INSERT ... VALUES (..), (..)}, {@code UPDATE ... FROM (VALUES ..)}):
 * one round trip and one plan for a batch where a statement per row costs one each. Callers match the rows
 * an {@code INSERT ... RETURNING} gives back by a key they carry, not by their order (which SQL leaves open).
 */
public final class SqlRows {

    /** PostgreSQL's protocol takes at most this many parameters in one statement. */
    public static final int MAX_PARAMETERS = 32_767;

    private SqlRows() {
    }

    /**
     * {@code (row), (row), ...}: {@code rows} copies of one row's placeholders, e.g. {@code "?, ?, CAST(? AS jsonb)"}.
     */
    public static String values(int rows, String row) {
        if (rows < 1) {
            throw new IllegalArgumentException("at least one row");
        }
        StringJoiner all = new StringJoiner(", ");
        String one = "(" + row + ")";
        for (int i = 0; i < rows; i++) {
            all.add(one);
        }
        return all.toString();
    }

    /** The rows in runs small enough for one statement each, at {@code parametersPerRow} parameters a row. */
    public static <T> List<List<T>> chunks(List<T> rows, int parametersPerRow) {
        int size = Math.max(1, (MAX_PARAMETERS - 16) / parametersPerRow); // a few spare for the statement's own
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += size) {
            chunks.add(rows.subList(i, Math.min(rows.size(), i + size)));
        }
        return chunks;
    }
}
