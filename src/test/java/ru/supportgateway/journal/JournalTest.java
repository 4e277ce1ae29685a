package ru.supportgateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

@GatewayTest
class JournalTest {

    static final ZoneId TYUMEN = ZoneId.of("Asia/Yekaterinburg");
    static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");

    @Autowired Journal journal;
    @Autowired JournalQueries queries;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @Autowired TransactionTemplate tx;

    @BeforeEach
    void fixTime() {
        clock.set(T0);
    }

    Instant advance(Duration d) {
        Instant t = clock.instant().plus(d);
        clock.set(t);
        return t;
    }

    /** Each test gets desks of its own: the test classes share one database. */
    static String newDesk() {
        return "d" + UUID.randomUUID().toString().substring(0, 8);
    }

    RegisteredRequest register(String desk, Instant registeredAt) {
        return journal.register(NewRequest.builder(desk, TYUMEN, Channel.EMAIL).subject("Вопрос")
                .registeredAt(registeredAt).build());
    }

    @Test
    void numbersAreDeskYearAndSixDigitsCountingPerDeskAndYear() {
        String a = newDesk();
        String b = newDesk();
        Instant jan = Instant.parse("2026-01-15T05:00:00Z");
        assertThat(register(a, jan).number()).isEqualTo(a.toUpperCase() + "-2026-000001");
        assertThat(register(a, jan).number()).isEqualTo(a.toUpperCase() + "-2026-000002");
        assertThat(register(b, jan).number()).isEqualTo(b.toUpperCase() + "-2026-000001");
        assertThat(register(a, jan).number()).isEqualTo(a.toUpperCase() + "-2026-000003");

        RegisteredRequest r = register(b, jan);
        assertThat(r.deskId()).isEqualTo(b);
        assertThat(r.year()).isEqualTo(2026);
        assertThat(r.seqNo()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT desk_id, seq_year, seq_no FROM request WHERE number = ?").param(r.number())
                .query().singleRow()).containsEntry("desk_id", b).containsEntry("seq_year", 2026).containsEntry("seq_no", 2L);
    }

    @Test
    void theYearIsTheYearOfRegistrationInTheDesksZone() {
        String desk = newDesk();
        // 23:59 on 31 December in Tyumen (UTC+5) is still 2026 ...
        assertThat(register(desk, Instant.parse("2026-12-31T18:59:00Z")).number()).endsWith("-2026-000001");
        // ... 00:30 on 1 January there is 2027 although UTC still says 31 December: the count starts again.
        assertThat(register(desk, Instant.parse("2026-12-31T19:30:00Z")).number()).endsWith("-2027-000001");
        assertThat(register(desk, Instant.parse("2027-02-01T05:00:00Z")).number()).endsWith("-2027-000002");
        // A late registration dated in the old year continues the old year's count.
        assertThat(register(desk, Instant.parse("2026-12-30T05:00:00Z")).number()).endsWith("-2026-000002");
    }

    @Test
    void numbersGrowPastSixDigits() {
        String desk = newDesk();
        jdbc.sql("INSERT INTO request_number_seq (desk_id, year, last_no) VALUES (?, 2026, 999999)").param(desk).update();
        assertThat(register(desk, T0).number()).isEqualTo(desk.toUpperCase() + "-2026-1000000");
        assertThat(RequestNumber.PATTERN.matcher("Re: [" + desk.toUpperCase() + "-2026-1000000] Вопрос").find()).isTrue();
    }

    @Test
    void concurrentRegistrationsGetDistinctConsecutiveNumbers() throws Exception {
        String desk = newDesk();
        int threads = 8;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<Long>> worker = () -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(register(desk, T0).seqNo());
                    }
                    return mine;
                };
                results.add(pool.submit(worker));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get());
            }
            assertThat(all).doesNotHaveDuplicates().hasSize(threads * each)
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, threads * each).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(DISTINCT number) FROM request WHERE desk_id = ?").param(desk)
                .query(Long.class).single()).isEqualTo(threads * each);
    }

    @Test
    void aRolledBackRegistrationGivesItsNumberBack() {
        String desk = newDesk();
        register(desk, T0);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            register(desk, T0);
            throw new IllegalStateException("storing the message failed");
        })).hasMessage("storing the message failed");
        assertThat(register(desk, T0).seqNo()).isEqualTo(2);
    }

    @Test
    void registrationStoresWhatTheCallerKnowsStartsInProgressAndRecordsWhoAndWhen() {
        String desk = newDesk();
        Instant received = Instant.parse("2026-03-01T14:00:00Z");
        Instant registered = Instant.parse("2026-03-02T03:30:00Z");
        Instant due = Instant.parse("2026-03-03T12:00:00Z");
        RegisteredRequest r = journal.register(NewRequest.builder(desk, TYUMEN, Channel.EMAIL)
                .subject("  Не открывается электронный дневник ").description("Текст письма")
                .contactEmail("parent@example.ru").organisation("МАОУ СОШ № 5").person("Иванова А. П.")
                .receivedAt(received).registeredAt(registered).dueAt(due).build());

        JournalRequest stored = queries.find(r.number()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RequestStatus.IN_PROGRESS);
        assertThat(stored.type()).isEqualTo(RequestType.SUPPORT);
        assertThat(stored.channel()).isEqualTo(Channel.EMAIL);
        assertThat(stored.subject()).isEqualTo("Не открывается электронный дневник");
        assertThat(stored.contactPhone()).isNull();
        assertThat(stored.receivedAt()).isEqualTo(received);
        assertThat(stored.registeredAt()).isEqualTo(registered);
        assertThat(stored.dueAt()).isEqualTo(due);
        assertThat(stored.resolvedAt()).isNull();
        assertThat(stored.createdAt()).isEqualTo(T0);

        List<JournalEvent> history = queries.history(r.id());
        assertThat(history).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.REGISTERED);
            assertThat(e.actor()).isEqualTo(Actors.EMAIL);
            assertThat(e.at()).isEqualTo(T0);
            assertThat(e.toStatus()).isEqualTo(RequestStatus.IN_PROGRESS);
            assertThat(e.details()).containsEntry("channel", "EMAIL");
        });
    }

    @Test
    void withoutTimesARequestIsReceivedAndRegisteredNow() {
        RegisteredRequest r = journal.register(NewRequest.builder(newDesk(), TYUMEN, Channel.PHONE)
                .registeredBy("ivanova").build());
        JournalRequest stored = queries.find(r.number()).orElseThrow();
        assertThat(stored.receivedAt()).isEqualTo(T0);
        assertThat(stored.registeredAt()).isEqualTo(T0);
        assertThat(queries.history(r.id())).extracting(JournalEvent::actor).containsExactly("ivanova");
    }

    @Test
    void deskIdsThatWouldBreakNumbersAreRefused() {
        assertThatThrownBy(() -> NewRequest.builder("школа 5", TYUMEN, Channel.EMAIL).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deskId");
    }

    /** Registers a request and brings it to {@code status} by allowed moves. */
    JournalRequest requestIn(RequestStatus status) {
        RegisteredRequest r = register(newDesk(), T0);
        if (status != RequestStatus.INITIAL) {
            journal.moveStatus(r.number(), status, "setup", null);
        }
        return queries.find(r.number()).orElseThrow();
    }

    @Test
    void everyMoveThroughTheJournalFollowsTheOnePlaceAndKeepsResolvedAtInStep() {
        for (RequestStatus from : RequestStatus.values()) {
            for (RequestStatus to : RequestStatus.values()) {
                clock.set(T0);
                JournalRequest before = requestIn(from);
                int eventsBefore = queries.history(before.id()).size();
                Instant moveTime = advance(Duration.ofHours(1));
                String pair = from + " -> " + to;
                if (from.canMoveTo(to)) {
                    JournalRequest after = journal.moveStatus(before.number(), to, "petrov", "why");
                    assertThat(after.status()).as(pair).isEqualTo(to);
                    Instant expectedResolved = to == RequestStatus.RESOLVED || (to == RequestStatus.CLOSED && !from.isFinished())
                            ? moveTime : to == RequestStatus.CLOSED ? before.resolvedAt() : null;
                    assertThat(after.resolvedAt()).as(pair).isEqualTo(expectedResolved);
                    assertThat(after.updatedAt()).as(pair).isEqualTo(moveTime);
                    JournalEvent last = queries.history(before.id()).get(eventsBefore);
                    assertThat(last.kind()).as(pair).isEqualTo(EventKind.STATUS_CHANGED);
                    assertThat(List.of(last.fromStatus(), last.toStatus(), last.actor(), last.note(), last.at()))
                            .as(pair).containsExactly(from, to, "petrov", "why", moveTime);
                } else {
                    assertThatThrownBy(() -> journal.moveStatus(before.number(), to, "petrov", null)).as(pair)
                            .isInstanceOfSatisfying(IllegalStatusMoveException.class, e -> {
                                assertThat(e.from()).isEqualTo(from);
                                assertThat(e.to()).isEqualTo(to);
                                assertThat(e.getMessage()).contains("«" + from.label() + "»", "«" + to.label() + "»",
                                        "cannot move from " + from + " to " + to);
                            });
                    assertThat(queries.find(before.number()).orElseThrow()).as(pair).isEqualTo(before);
                    assertThat(queries.history(before.id())).as(pair).hasSize(eventsBefore);
                }
            }
        }
    }

    @Test
    void unknownNumbersAreReported() {
        assertThatThrownBy(() -> journal.moveStatus("XX-2026-000001", RequestStatus.CLOSED, "petrov", null))
                .isInstanceOf(RequestNotFoundException.class).hasMessageContaining("XX-2026-000001");
    }

    @Test
    void fieldEditsRecordEachChangedFieldWithOldAndNewValue() {
        RegisteredRequest r = journal.register(NewRequest.builder(newDesk(), TYUMEN, Channel.PHONE)
                .subject("Вход").person("Петров").contactPhone("+7 912 000-00-00").build());
        Instant editTime = advance(Duration.ofMinutes(5));
        Instant newDue = Instant.parse("2026-03-05T12:00:00Z");
        JournalRequest edited = journal.updateFields(r.number(), RequestChanges.none()
                .withType(RequestType.ERROR).withSubject("Вход") // unchanged: no history row
                .withPerson("").withOrganisation("МАОУ Гимназия № 1").withNote("Согласовано с оператором")
                .withDueAt(newDue), "sidorova");

        assertThat(edited.type()).isEqualTo(RequestType.ERROR);
        assertThat(edited.person()).isNull();
        assertThat(edited.organisation()).isEqualTo("МАОУ Гимназия № 1");
        assertThat(edited.note()).isEqualTo("Согласовано с оператором");
        assertThat(edited.contactPhone()).isEqualTo("+7 912 000-00-00");
        assertThat(edited.dueAt()).isEqualTo(newDue);
        assertThat(edited.updatedAt()).isEqualTo(editTime);

        List<JournalEvent> changes = queries.history(r.id()).stream()
                .filter(e -> e.kind() == EventKind.FIELD_CHANGED).toList();
        assertThat(changes).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("sidorova");
            assertThat(e.at()).isEqualTo(editTime);
        });
        assertThat(changes).extracting(JournalEvent::details).containsExactlyInAnyOrder(
                details("type", "SUPPORT", "ERROR"),
                details("person", "Петров", null),
                details("organisation", null, "МАОУ Гимназия № 1"),
                details("note", null, "Согласовано с оператором"),
                details("dueAt", null, newDue.toString()));

        int events = queries.history(r.id()).size();
        journal.updateFields(r.number(), RequestChanges.none().withType(RequestType.ERROR), "sidorova");
        assertThat(queries.history(r.id())).hasSize(events);
    }

    static Map<String, Object> details(String field, Object from, Object to) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", field);
        m.put("from", from);
        m.put("to", to);
        return m;
    }

    @Test
    void notesRepliesAndRepeatsGoIntoTheHistory() {
        RegisteredRequest r = register(newDesk(), T0);
        Instant resolvedTime = advance(Duration.ofHours(2));
        journal.moveStatus(r.number(), RequestStatus.RESOLVED, "petrov", "Ответ отправлен");
        journal.record(r.number(), EventKind.REPLY_SENT, Actors.EMAIL, null, Map.of("to", "parent@example.ru"));
        journal.moveStatus(r.number(), RequestStatus.CLOSED, "petrov", null);
        Instant noteTime = advance(Duration.ofMinutes(1));
        journal.addNote(r.number(), "petrov", "Звонила ещё раз, уточнила");

        Instant repeatTime = advance(Duration.ofDays(1));
        JournalRequest reopened = journal.recordRepeat(r.number(), Actors.EMAIL, "Re: письмо");
        assertThat(reopened.status()).isEqualTo(RequestStatus.IN_PROGRESS);
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(reopened.repeatCount()).isEqualTo(1);

        assertThat(queries.history(r.id())).extracting(JournalEvent::kind, JournalEvent::actor, JournalEvent::at,
                        JournalEvent::fromStatus, JournalEvent::toStatus)
                .containsExactly(
                        tuple(EventKind.REGISTERED, Actors.EMAIL, T0, null, RequestStatus.IN_PROGRESS),
                        tuple(EventKind.STATUS_CHANGED, "petrov", resolvedTime, RequestStatus.IN_PROGRESS, RequestStatus.RESOLVED),
                        tuple(EventKind.REPLY_SENT, Actors.EMAIL, resolvedTime, null, null),
                        tuple(EventKind.STATUS_CHANGED, "petrov", resolvedTime, RequestStatus.RESOLVED, RequestStatus.CLOSED),
                        tuple(EventKind.NOTE, "petrov", noteTime, null, null),
                        tuple(EventKind.REPEAT, Actors.EMAIL, repeatTime, null, null),
                        tuple(EventKind.STATUS_CHANGED, Actors.EMAIL, repeatTime, RequestStatus.CLOSED, RequestStatus.IN_PROGRESS));
        assertThat(queries.history(r.id()).get(4).note()).isEqualTo("Звонила ещё раз, уточнила");

        // A repeat while the developer has it only counts.
        journal.moveStatus(r.number(), RequestStatus.PASSED_TO_DEVELOPER, "petrov", null);
        JournalRequest withDeveloper = journal.recordRepeat(r.number(), Actors.PHONE, null);
        assertThat(withDeveloper.status()).isEqualTo(RequestStatus.PASSED_TO_DEVELOPER);
        assertThat(withDeveloper.repeatCount()).isEqualTo(2);
    }

    @Test
    void historyKindsThatDescribeAChangeCannotBeWrittenWithoutTheChange() {
        RegisteredRequest r = register(newDesk(), T0);
        for (EventKind kind : Set.of(EventKind.REGISTERED, EventKind.STATUS_CHANGED, EventKind.FIELD_CHANGED, EventKind.REPEAT)) {
            assertThatThrownBy(() -> journal.record(r.number(), kind, "petrov", null, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> journal.addNote(r.number(), " ", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(queries.history(r.id())).hasSize(1);
    }

    @Test
    void theDatabaseRefusesAResolvedRequestWithoutResolutionTime() {
        RegisteredRequest r = register(newDesk(), T0);
        assertThatThrownBy(() -> jdbc.sql("UPDATE request SET status = 'RESOLVED' WHERE id = ?").param(r.id()).update())
                .hasMessageContaining("check constraint");
    }
}
