package ru.supportgateway.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ru.supportgateway.calendar.ProductionCalendar;
import ru.supportgateway.calendar.WeeklySchedule;
import ru.supportgateway.calendar.WorkingCalendar;
import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;
import ru.supportgateway.telephony.call.CallOutcome;
import ru.supportgateway.telephony.call.CallRecord;
import ru.supportgateway.telephony.call.VoicemailInfo;

/** The documented order of the rules that map a call to a desk. */
class DeskResolverTest {

    private static Desk desk(String id, String number, String queue, String box) {
        WorkingCalendar cal = WorkingCalendar.of(ZoneId.of("Europe/Moscow"), WeeklySchedule.parse("mon-fri 09:00-18:00"),
                ProductionCalendar.none());
        return new Desk(id, id, cal, Optional.empty(), Optional.of(new Desk.PhoneSettings(Optional.ofNullable(number),
                Optional.ofNullable(queue), Optional.ofNullable(box), Desk.AfterHoursPhone.VOICEMAIL, false,
                Duration.ofSeconds(20))));
    }

    private final DeskResolver resolver = new DeskResolver(new Desks(List.of(
            desk("sc", "+7 (3452) 390-679", "support", "100@support"),
            desk("portal", "8 (804) 333-84-85", "portal", "200@support"),
            desk("ais", null, "ais", "300"))));

    private static CallRecord call(String line, String queue, String mailbox, String hint) {
        Instant t = Instant.parse("2026-11-23T07:00:00Z");
        return new CallRecord("1.1", line, queue, null, null, null, t, t, CallOutcome.CLOSED, null, null, null, null,
                mailbox == null ? null : new VoicemailInfo(mailbox, "closed", "1-1", 3, null), hint);
    }

    private String deskOf(CallRecord c) {
        return resolver.forCall(c).map(Desk::id).orElse(null);
    }

    @Test
    void rulesApplyInOrder() {
        assertThat(deskOf(call("1000", "support", "200@support", "ais"))).isEqualTo("ais");
        assertThat(deskOf(call("1000", "support", "200@support", "nosuchdesk"))).isEqualTo("sc");
        assertThat(deskOf(call("1000", "support", "200@support", null))).isEqualTo("sc");
        assertThat(deskOf(call("1000", null, "200@support", null))).isEqualTo("portal");
        assertThat(deskOf(call("1000", null, "300@default", null))).isEqualTo("ais");
        assertThat(deskOf(call("88043338485", null, null, null))).isEqualTo("portal");
        assertThat(deskOf(call("1000", "other-queue", "999@support", null))).isNull();
    }

    @Test
    void aSingleDeskWithAPhoneTakesEveryCall() {
        DeskResolver single = new DeskResolver(new Desks(List.of(desk("sc", null, "support", "100@support"))));
        assertThat(single.forCall(call("1000", null, null, null)).map(Desk::id)).contains("sc");
    }
}
