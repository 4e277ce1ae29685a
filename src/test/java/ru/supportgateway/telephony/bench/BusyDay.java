package ru.supportgateway.telephony.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ru.supportgateway.telephony.call.CallOutcome;
import ru.supportgateway.telephony.fake.AmiCapture;
import ru.supportgateway.telephony.fake.AmiMessage;

/**
 * A busy day of inbound calls made from the recorded ones: each generated call is one of the captures
 * 01 (answered), 02a (abandoned), 02b (queue timeout, voicemail) or 03 (after hours, voicemail), with
 * fresh Uniqueid/Linkedid values, channel-name suffixes and bridge ids, so that calls can overlap.
 * Up to {@code concurrent} calls are in progress at once; the next event always comes from a randomly
 * chosen one of them, so every call keeps its own order while the calls interleave.
 */
final class BusyDay {

    /** One recorded call and the outcome the tracker must report for it. */
    record Template(String capture, List<String> events, String linkedid, CallOutcome outcome) {
    }

    /** The stream in wire order plus what it must produce. */
    record Plan(List<byte[]> events, Map<String, CallOutcome> expected, Map<String, Integer> callsPerCapture) {
    }

    private static final Pattern UNIQUEID = Pattern.compile("\\b1795\\d{6}\\.\\d+\\b");
    private static final Pattern CHANNEL_SUFFIX = Pattern.compile("(?<=-)[0-9a-f]{8}(?=;[12])");
    private static final Pattern BRIDGE_ID = Pattern.compile(
            "\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");

    private final List<Template> templates;
    private long nextUniqueid;
    private long nextChannel;

    BusyDay() {
        this.templates = List.of(
                template("01-queue-answered", CallOutcome.ANSWERED),
                template("02a-queue-abandon", CallOutcome.ABANDONED),
                template("02b-queue-timeout-voicemail", CallOutcome.VOICEMAIL),
                template("03-after-hours-voicemail", CallOutcome.VOICEMAIL));
    }

    private static Template template(String capture, CallOutcome outcome) {
        List<String> events = AmiCapture.load(capture).scenarioEvents().stream().map(AmiMessage::text).toList();
        String linkedid = events.stream().map(e -> header(e, "Linkedid")).filter(v -> v != null).findFirst()
                .orElseThrow();
        return new Template(capture, events, linkedid, outcome);
    }

    private static String header(String message, String key) {
        for (String line : message.split("\r\n")) {
            if (line.regionMatches(true, 0, key + ": ", 0, key.length() + 2)) {
                return line.substring(key.length() + 2);
            }
        }
        return null;
    }

    List<Template> templates() {
        return templates;
    }

    /** About {@code totalEvents} events (whole calls only), at most {@code concurrent} calls at a time. */
    Plan plan(int concurrent, int totalEvents, long seed) {
        Random random = new Random(seed);
        nextUniqueid = 0;
        nextChannel = 0;
        List<byte[]> out = new ArrayList<>(totalEvents + 256);
        Map<String, CallOutcome> expected = new LinkedHashMap<>();
        Map<String, Integer> perCapture = new LinkedHashMap<>();
        List<List<String>> active = new ArrayList<>();
        List<Integer> cursor = new ArrayList<>();
        int planned = 0;
        while (planned < totalEvents || !active.isEmpty()) {
            while (active.size() < concurrent && planned < totalEvents) {
                Template t = templates.get(random.nextInt(templates.size()));
                Map<String, String> ids = new HashMap<>();
                List<String> call = rewrite(t, ids);
                expected.put(ids.get(t.linkedid()), t.outcome());
                perCapture.merge(t.capture(), 1, Integer::sum);
                active.add(call);
                cursor.add(0);
                planned += call.size();
            }
            int i = random.nextInt(active.size());
            List<String> call = active.get(i);
            int c = cursor.get(i);
            out.add(call.get(c).getBytes(StandardCharsets.UTF_8));
            if (c + 1 == call.size()) {
                int last = active.size() - 1;
                active.set(i, active.get(last));
                cursor.set(i, cursor.get(last));
                active.remove(last);
                cursor.remove(last);
            } else {
                cursor.set(i, c + 1);
            }
        }
        return new Plan(out, expected, perCapture);
    }

    /** The template's events with every id replaced by a fresh one; {@code ids} receives old -> new. */
    private List<String> rewrite(Template t, Map<String, String> ids) {
        Map<String, String> channels = new HashMap<>();
        Map<String, String> bridges = new HashMap<>();
        List<String> result = new ArrayList<>(t.events().size());
        for (String e : t.events()) {
            String s = replace(UNIQUEID, e, ids, () -> "1800000000." + nextUniqueid++);
            s = replace(CHANNEL_SUFFIX, s, channels, () -> String.format("%08x", nextChannel++));
            s = replace(BRIDGE_ID, s, bridges, () -> UUID.randomUUID().toString());
            result.add(s);
        }
        return result;
    }

    private static String replace(Pattern p, String text, Map<String, String> map,
                                  java.util.function.Supplier<String> fresh) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder(text.length() + 16);
        while (m.find()) {
            m.appendReplacement(sb, map.computeIfAbsent(m.group(), k -> fresh.get()));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
