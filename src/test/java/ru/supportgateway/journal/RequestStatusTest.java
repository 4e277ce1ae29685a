package ru.supportgateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.supportgateway.journal.RequestStatus.AWAITING_FEEDBACK;
import static ru.supportgateway.journal.RequestStatus.CLOSED;
import static ru.supportgateway.journal.RequestStatus.IN_PROGRESS;
import static ru.supportgateway.journal.RequestStatus.PASSED_TO_DEVELOPER;
import static ru.supportgateway.journal.RequestStatus.RESOLVED;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class RequestStatusTest {

    /**
     * The agreed moves, written out as a table independent of the enum's code: rows are "from",
     * columns "to" in declaration order (IN_PROGRESS, PASSED_TO_DEVELOPER, AWAITING_FEEDBACK, RESOLVED, CLOSED).
     */
    static final String MOVES = """
            IN_PROGRESS          . + + + +
            PASSED_TO_DEVELOPER  + . . + .
            AWAITING_FEEDBACK    + . . + +
            RESOLVED             + . . . +
            CLOSED               + . . . .
            """;

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (String line : MOVES.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            RequestStatus from = RequestStatus.valueOf(cells[0]);
            for (RequestStatus to : RequestStatus.values()) {
                pairs.add(Arguments.of(from, to, cells[1 + to.ordinal()].equals("+")));
            }
        }
        return pairs.stream();
    }

    @Test
    void theTableCoversEveryPair() {
        assertThat(everyPair()).hasSize(RequestStatus.values().length * RequestStatus.values().length);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void movesAreExactlyTheAgreedOnes(RequestStatus from, RequestStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        assertThat(from.next().contains(to)).isEqualTo(allowed);
    }

    @Test
    void newRequestsStartInProgress() {
        assertThat(RequestStatus.INITIAL).isEqualTo(IN_PROGRESS);
    }

    @ParameterizedTest
    @EnumSource(RequestStatus.class)
    void aRepeatKeepsTheStatusOrMakesAnAllowedMoveBackToWork(RequestStatus status) {
        RequestStatus after = status.afterRepeat();
        assertThat(after == status || status.canMoveTo(after)).as("%s -> %s", status, after).isTrue();
        assertThat(after.isFinished()).isFalse();
        assertThat(after == AWAITING_FEEDBACK).isFalse();
    }

    @Test
    void resolvingStampsNowClosingKeepsAnEarlierResolutionReopeningClears() {
        Instant earlier = Instant.parse("2026-01-10T10:00:00Z");
        Instant now = Instant.parse("2026-01-12T08:00:00Z");
        assertThat(RequestStatus.resolvedAtAfter(RESOLVED, null, now)).isEqualTo(now);
        assertThat(RequestStatus.resolvedAtAfter(CLOSED, earlier, now)).isEqualTo(earlier);
        assertThat(RequestStatus.resolvedAtAfter(CLOSED, null, now)).isEqualTo(now);
        assertThat(RequestStatus.resolvedAtAfter(IN_PROGRESS, earlier, now)).isNull();
        assertThat(RequestStatus.resolvedAtAfter(PASSED_TO_DEVELOPER, null, now)).isNull();
    }

    @Test
    void labelsAreTheRegulationsWords() {
        assertThat(Stream.of(RequestStatus.values()).map(RequestStatus::label))
                .containsExactly("В работе", "Передано разработчику", "Обратная связь", "Решен", "Закрыт");
        assertThat(Stream.of(RequestType.values()).map(RequestType::label))
                .containsExactly("Поддержка", "Ошибка", "Улучшение");
    }
}
