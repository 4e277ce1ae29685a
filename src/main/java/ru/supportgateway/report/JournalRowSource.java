package ru.supportgateway.report;

import java.util.List;
import java.util.function.Consumer;

/**
 * The rows of one journal, handed out one by one in registration order, so a month of 50,000 requests is
 * never held in memory at once.
 */
@FunctionalInterface
public interface JournalRowSource {

    /** Passes every row to {@code row} and returns how many there were. */
    long each(Consumer<JournalRow> row);

    static JournalRowSource of(List<JournalRow> rows) {
        List<JournalRow> copy = List.copyOf(rows);
        return row -> {
            copy.forEach(row);
            return copy.size();
        };
    }
}
