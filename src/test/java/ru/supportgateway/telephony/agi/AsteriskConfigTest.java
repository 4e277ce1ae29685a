package ru.supportgateway.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps docker/asterisk/*.conf in step with the desk presets in desks/*.yml: every desk with a phone has
 * a line context that sets its GATEWAY_DESK, asks desk-hours for it, and uses its queue and box.
 */
class AsteriskConfigTest {

    private static final Path CONF = Path.of("docker/asterisk");
    private static final String VOICEMAIL_EVENT = "UserEvent(SupportVoicemail,Mailbox: %s,VmCallerNum: ${CALLERID(num)},"
            + "VmCallerName: ${CALLERID(name)},Reason: ${VM_REASON},MsgId: ${VM_MSGID},Duration: ${VM_DURATION},"
            + "MessageFile: ${VM_MESSAGEFILE})";

    /** A desk's phone keys as written in its yml file. */
    record Phone(String number, String queue, String voicemail, String afterHours) {
    }

    private static Map<String, Optional<Phone>> desks;
    private static Map<String, List<String>> extensions;

    @BeforeAll
    static void read() throws IOException {
        desks = readDesks(Path.of("desks"));
        extensions = sections(CONF.resolve("extensions.conf"));
    }

    @Test
    void thePresetsAreAllThere() {
        assertThat(desks).containsKeys("sc", "feedback", "portal", "ais", "dnevnik");
        assertThat(desks.get("feedback")).isEmpty();
    }

    @Test
    void everyDeskWithAPhoneHasItsLineAndNoOtherLinesExist() {
        List<String> withPhone = desks.entrySet().stream().filter(e -> e.getValue().isPresent())
                .map(e -> "desk-" + e.getKey()).sorted().toList();
        List<String> lineContexts = extensions.keySet().stream().filter(c -> c.startsWith("desk-")).sorted().toList();
        assertThat(lineContexts).isEqualTo(withPhone);
    }

    @Test
    void theTrunkRoutesEachDesksNumberToItsLine() {
        List<String> trunk = extensions.get("from-trunk");
        desks.forEach((id, phone) -> phone.ifPresent(p -> assertThat(trunk)
                .as("from-trunk routes %s (%s)", id, p.number())
                .contains("exten => " + didOf(p.number()) + ",1,Goto(desk-" + id + ",s,1)")));
    }

    @Test
    void eachLineAsksDeskHoursForItsOwnDeskAndUsesItsQueueAndBox() {
        desks.forEach((id, phone) -> phone.ifPresent(p -> {
            List<String> line = extensions.get("desk-" + id);
            String all = String.join("\n", line);
            assertThat(all).as(id).contains("Set(GATEWAY_DESK=" + id + ")")
                    .contains(",Set(DESK_AFTER_HOURS=" + p.afterHours() + ")");
            assertThat(calls(all, "AGI")).as(id + " AGI").containsOnly("agi://gateway:4573/desk-hours?desk=" + id);
            assertThat(calls(all, "Queue")).as(id + " Queue").containsExactly(p.queue() + ",t,,,120");
            assertThat(calls(all, "Set").stream().filter(s -> s.startsWith("GATEWAY_DESK="))).containsOnly("GATEWAY_DESK=" + id);
            // the decision follows the AGI answer, and queueing comes after the AGI call
            assertThat(all.indexOf("AGI(")).isLessThan(all.indexOf("Queue("));
            assertThat(all).contains("GotoIf($[\"${DESK_OPEN}\" != \"1\"]?");
            if (p.voicemail() != null) {
                List<String> vm = new ArrayList<>(List.of(p.voicemail() + ",u"));
                if (p.afterHours().equals("voicemail")) {
                    vm.add(p.voicemail() + ",s");
                }
                assertThat(calls(all, "VoiceMail")).as(id + " VoiceMail").containsExactlyElementsOf(vm);
                assertThat(line).as(id + " h extension").anyMatch(l -> l.startsWith("same => n,")
                        && l.endsWith(String.format(VOICEMAIL_EVENT, p.voicemail())));
                assertThat(line).anyMatch(l -> l.startsWith("exten => h,1,"));
            } else {
                assertThat(calls(all, "VoiceMail")).as(id + " has no box").isEmpty();
            }
        }));
    }

    @Test
    void callBacksReportTheirResult() {
        assertThat(extensions.get("callback-out")).contains("exten => h,1,UserEvent(SupportCallback,"
                + "TicketId: ${TICKET_ID},Number: ${CALLBACK_NUMBER},DialStatus: ${DIALSTATUS},AnsweredTime: ${ANSWEREDTIME})");
    }

    @Test
    void queuesAndBoxesExist() throws IOException {
        Map<String, List<String>> queues = sections(CONF.resolve("queues.conf"));
        Map<String, List<String>> voicemail = sections(CONF.resolve("voicemail.conf"));
        assertThat(String.join("\n", voicemail.get("general"))).contains("format = wav");
        desks.forEach((id, phone) -> phone.ifPresent(p -> {
            assertThat(queues).as("queue of " + id).containsKey(p.queue() + "(desk-queue)");
            if (p.voicemail() != null) {
                String[] box = p.voicemail().split("@");
                assertThat(voicemail.get(box[1])).as("box " + p.voicemail()).anyMatch(l -> l.startsWith(box[0] + " => "));
            }
        }));
    }

    @Test
    void managerUserIsTheGatewayWithoutARealSecret() throws IOException {
        List<String> gateway = sections(CONF.resolve("manager.conf")).get("gateway");
        assertThat(gateway).contains("secret = CHANGE-ME");
    }

    // ------------------------------------------------------------------------------------------ parsing

    /** Arguments of every {@code App(...)} call of that application, in order. */
    private static List<String> calls(String dialplan, String app) {
        Matcher m = Pattern.compile("(?<=[,=])" + app + "\\((.*)\\)\\s*$", Pattern.MULTILINE).matcher(dialplan);
        List<String> args = new ArrayList<>();
        while (m.find()) {
            args.add(m.group(1));
        }
        return args;
    }

    /** "+7 (3452) 390-679" -> 73452390679, "8 (804) 333-84-85" -> 78043338485. */
    static String didOf(String number) {
        String digits = number.replaceAll("\\D", "");
        return digits.length() == 11 && digits.startsWith("8") ? "7" + digits.substring(1) : digits;
    }

    /** Section name -> its lines, comments and blank lines removed, whitespace trimmed. */
    private static Map<String, List<String>> sections(Path file) throws IOException {
        Map<String, List<String>> result = new LinkedHashMap<>();
        List<String> current = null;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int semi = raw.indexOf(';');
            String line = (semi >= 0 ? raw.substring(0, semi) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                String name = line.substring(1, line.indexOf(']')) + line.substring(line.indexOf(']') + 1).strip();
                current = result.computeIfAbsent(name, k -> new ArrayList<>());
            } else if (current != null) {
                current.add(line);
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Optional<Phone>> readDesks(Path dir) throws IOException {
        Map<String, Optional<Phone>> result = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.yml")) {
            for (Path f : files) {
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    Map<String, Object> root = new Yaml().load(r);
                    Map<String, Object> deskMap = (Map<String, Object>) ((Map<String, Object>) root.get("gateway")).get("desks");
                    deskMap.forEach((id, value) -> {
                        Map<String, Object> phone = (Map<String, Object>) ((Map<String, Object>) value).get("phone");
                        result.put(id, Optional.ofNullable(phone).map(p -> new Phone((String) p.get("number"),
                                (String) p.get("queue"), (String) p.get("voicemail"),
                                (String) p.getOrDefault("after-hours", "voicemail"))));
                    });
                }
            }
        }
        return result;
    }
}
