package ru.supportgateway.telephony.voicemail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading app_voicemail's spool files as captured from Asterisk 22. */
class VoicemailSpoolTest {

    @TempDir
    Path spool;

    private void put(String resource, String target) throws IOException {
        Path to = spool.resolve(target);
        Files.createDirectories(to.getParent());
        try (InputStream in = getClass().getResourceAsStream("/asterisk/voicemail/" + resource)) {
            Files.copy(in, to);
        }
    }

    @Test
    void readsTheCapturedMessageByTheEventsPathReRootedToTheLocalSpool() throws IOException {
        put("03-msg0001.txt", "support/100/INBOX/msg0001.txt");
        put("03-msg0001.wav", "support/100/INBOX/msg0001.wav");
        Voicemail vm = new VoicemailSpool(spool).read("/var/spool/asterisk/voicemail/support/100/INBOX/msg0001").orElseThrow();
        assertThat(vm.msgId()).isEqualTo("1795334115-00000001");
        assertThat(vm.recordedAt()).isEqualTo(Instant.parse("2026-11-22T07:55:15Z"));
        assertThat(vm.callerNumberRaw()).isEqualTo("+15555550123");
        assertThat(vm.callerName()).isEqualTo("Parent Miller");
        assertThat(vm.durationSeconds()).isEqualTo(12);
        assertThat(vm.audioType()).isEqualTo("audio/wav");
        assertThat(vm.audio()).isEqualTo(Files.readAllBytes(spool.resolve("support/100/INBOX/msg0001.wav")));
    }

    @Test
    void findsAMessageByItsIdAndKeepsItWithoutAudioWhenTheAudioIsMissing() throws IOException {
        put("02b-msg0000.txt", "support/100/INBOX/msg0000.txt");
        put("04-msg0002.txt", "support/100/INBOX/msg0002.txt");
        VoicemailSpool s = new VoicemailSpool(spool);
        Voicemail vm = s.find("support", "100", "INBOX", "1795334140-00000002").orElseThrow();
        assertThat(vm.recordedAt()).isEqualTo(Instant.ofEpochSecond(1795334140L));
        assertThat(vm.hasAudio()).isFalse();
        assertThat(s.find("support", "100", "INBOX", "1795334115-00000001")).isEmpty();
        assertThat(s.find("support", "200", "INBOX", "1795334140-00000002")).isEmpty();
    }

    @Test
    void neverLeavesTheSpool() throws IOException {
        Path outside = Files.createDirectories(spool.resolveSibling(spool.getFileName() + "-outside/x/INBOX"));
        Files.writeString(outside.resolve("msg0000.txt"), "[message]\nmsg_id=1-1\n");
        VoicemailSpool s = new VoicemailSpool(spool);
        assertThat(s.read("../" + spool.getFileName() + "-outside/x/INBOX/msg0000")).isEmpty();
        assertThat(s.read("/etc/passwd")).isEmpty();
        assertThat(s.find("..", "x", "INBOX", "1-1")).isEmpty();
        assertThat(s.read(null)).isEmpty();
    }

    @Test
    void callerIdsAsAsteriskWritesThem() {
        assertThat(VoicemailSpool.parseCallerId("\"Parent Miller\" <+15555550123>")).containsExactly("Parent Miller", "+15555550123");
        assertThat(VoicemailSpool.parseCallerId("Иванова <83452390679>")).containsExactly("Иванова", "83452390679");
        assertThat(VoicemailSpool.parseCallerId("\"\" <unknown>")).containsExactly(null, null);
        assertThat(VoicemailSpool.parseCallerId("Unknown")).containsExactly(null, null);
        assertThat(VoicemailSpool.parseCallerId("+73452390679")).containsExactly(null, "+73452390679");
    }
}
