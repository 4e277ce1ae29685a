package ru.supportgateway.desk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;

/** The shipped desk presets, seen through the API at chosen moments. */
@GatewayTest
class DeskApiTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    TestClock clock;

    private JsonNode get(String path) {
        ResponseEntity<JsonNode> r = rest.withBasicAuth("admin", GatewayTest.ADMIN_PASSWORD).getForEntity(path, JsonNode.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    private JsonNode desk(JsonNode list, String id) {
        for (JsonNode d : list) {
            if (d.get("id").asText().equals(id)) {
                return d;
            }
        }
        throw new AssertionError("no desk " + id + " in " + list);
    }

    @Test
    void listsThePresetDesksWithWhetherTheyAreOpenNow() {
        // Friday 2026-11-20 16:30 in Tyumen (11:30 UTC): the situational centre has closed for the
        // weekend (Friday ends at 16:00), Moscow desks are open (14:30 Moscow).
        clock.set("2026-11-20T11:30:00Z");
        JsonNode list = get("/api/desks");
        // the five presets (test desks with mailboxes come from application-test.yml)
        assertThat(list).extracting(d -> d.get("id").asText()).contains("sc", "feedback", "portal", "ais", "dnevnik");

        JsonNode sc = desk(list, "sc");
        assertThat(sc.get("name").asText()).isEqualTo("Ситуационный центр мониторинга показателей сферы образования");
        assertThat(sc.get("zone").asText()).isEqualTo("Asia/Yekaterinburg");
        assertThat(sc.get("open").asBoolean()).isFalse();
        assertThat(sc.get("nextOpening").asText()).isEqualTo("2026-11-23T03:30:00Z"); // Monday 08:30 +05
        assertThat(sc.get("emailAfterHours").asText()).isEqualTo("defer");

        JsonNode portal = desk(list, "portal");
        assertThat(portal.get("open").asBoolean()).isTrue();
        assertThat(portal.get("nextOpening").asText()).isEqualTo("2026-11-20T11:30:00Z");
        assertThat(portal.get("closesAt").asText()).isEqualTo("2026-11-20T15:00:00Z"); // 18:00 Moscow
    }

    @Test
    void newYearHolidaysKeepCalendarDesksClosedButNotDnevnik() {
        clock.set("2026-01-05T08:00:00Z"); // Monday 11:00 Moscow, New Year holidays
        JsonNode list = get("/api/desks");
        assertThat(desk(list, "portal").get("open").asBoolean()).isFalse();
        assertThat(desk(list, "portal").get("nextOpening").asText()).isEqualTo("2026-01-12T06:00:00Z");
        assertThat(desk(list, "dnevnik").get("open").asBoolean()).isTrue();
    }

    @Test
    void hoursOfADayWithLunchAndOfAShortenedDay() {
        JsonNode thursday = get("/api/desks/sc/hours?date=2026-11-19");
        assertThat(thursday.get("workingDay").asBoolean()).isTrue();
        assertThat(thursday.get("intervals")).hasSize(2);
        assertThat(thursday.get("intervals").get(0).get("start").asText()).isEqualTo("2026-11-19T03:30:00Z");
        assertThat(thursday.get("intervals").get(0).get("end").asText()).isEqualTo("2026-11-19T07:30:00Z");
        assertThat(thursday.get("intervals").get(1).get("start").asText()).isEqualTo("2026-11-19T08:30:00Z");
        assertThat(thursday.get("intervals").get(1).get("end").asText()).isEqualTo("2026-11-19T12:00:00Z");

        // 2026-11-03, Tuesday before National Unity Day: shortened by an hour, ends 16:00 +05.
        JsonNode shortened = get("/api/desks/sc/hours?date=2026-11-03");
        assertThat(shortened.get("intervals").get(1).get("end").asText()).isEqualTo("2026-11-03T11:00:00Z");

        JsonNode holiday = get("/api/desks/sc/hours?date=2026-11-04");
        assertThat(holiday.get("workingDay").asBoolean()).isFalse();
        assertThat(holiday.get("intervals")).isEmpty();
    }

    @Test
    void unknownDeskIsNotFoundAndAnonymousIsRefused() {
        ResponseEntity<String> unknown = rest.withBasicAuth("admin", GatewayTest.ADMIN_PASSWORD)
                .getForEntity("/api/desks/nope/hours", String.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody()).contains("nope");
        assertThat(rest.getForEntity("/api/desks", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
