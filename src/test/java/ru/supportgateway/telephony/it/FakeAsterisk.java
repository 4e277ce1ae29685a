package ru.supportgateway.telephony.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

import ru.supportgateway.telephony.fake.AmiCapture;
import ru.supportgateway.telephony.fake.AmiMessage;
import ru.supportgateway.telephony.fake.FakeAmiServer;

/**
 * One fake Asterisk (AMI over TCP, replaying the Asterisk 22 captures) and one voicemail spool for the
 * gateway context of {@link AmiGatewayTest}: {@code gateway.asterisk.*} point at them.
 * <p>
 * The spool holds the captured {@code msgNNNN.txt} files of 02b, 03 and 04 under
 * {@code support/100/INBOX}; the only captured audio is 03's, which is also used as the audio of 02b's
 * message (msg0000); 04's message (msg0002) has no audio, as when a spool file is missing.
 */
public final class FakeAsterisk implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String USER = "gateway";
    public static final String SECRET = "secret";
    public static final String BOX = "100@support";

    private static FakeAmiServer fake;
    private static Path spool;
    private static final AtomicInteger CALLS = new AtomicInteger();

    public static synchronized FakeAmiServer fake() {
        if (fake == null) {
            try {
                fake = new FakeAmiServer(USER, SECRET).authFailureDelay(java.time.Duration.ofMillis(20))
                        .voicemailBox(BOX, List.of()).start();
                spool = Files.createTempDirectory("sg-vm-spool");
                Path inbox = Files.createDirectories(spool.resolve("support/100/INBOX"));
                copy("02b-msg0000.txt", inbox.resolve("msg0000.txt"));
                copy("03-msg0001.wav", inbox.resolve("msg0000.wav"));
                copy("03-msg0001.txt", inbox.resolve("msg0001.txt"));
                copy("03-msg0001.wav", inbox.resolve("msg0001.wav"));
                copy("04-msg0002.txt", inbox.resolve("msg0002.txt"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fake;
    }

    public static Path spool() {
        fake();
        return spool;
    }

    /** The captured audio of 03 (193,988 bytes). */
    public static byte[] capturedWav() {
        try (InputStream in = FakeAsterisk.class.getResourceAsStream("/asterisk/voicemail/03-msg0001.wav")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = FakeAsterisk.class.getResourceAsStream("/asterisk/voicemail/" + resource)) {
            Files.copy(in, to);
        }
    }

    /**
     * Replays a capture's call as a new call: channel ids get a fresh prefix (the gateway remembers
     * finished Linkedids, and the database keeps one row per Linkedid), other headers may be rewritten
     * (e.g. {@code Queue} to play the call on another desk's queue). Everything else is sent as captured.
     *
     * @return the Linkedid prefix used
     */
    public static String replayAsNewCall(String capture, Map<String, String> rewrite) {
        String prefix = "t" + CALLS.incrementAndGet() + "-";
        List<AmiMessage> events = AmiCapture.load(capture).scenarioEvents().stream()
                .map(m -> rewrite(m, prefix, rewrite)).toList();
        fake().replay(events);
        return prefix;
    }

    /** The first {@code count} events of a capture as a new call (for drops in the middle of a call). */
    public static List<AmiMessage> eventsAsNewCall(String capture, String prefix, Map<String, String> rewrite) {
        return AmiCapture.load(capture).scenarioEvents().stream().map(m -> rewrite(m, prefix, rewrite)).toList();
    }

    public static String newPrefix() {
        return "t" + CALLS.incrementAndGet() + "-";
    }

    private static AmiMessage rewrite(AmiMessage m, String prefix, Map<String, String> rewrite) {
        List<String> lines = m.lines().stream().map(line -> {
            String key = AmiMessage.keyOf(line);
            String value = AmiMessage.valueOf(line);
            if (List.of("uniqueid", "linkedid", "destuniqueid", "destlinkedid").contains(key.toLowerCase())
                    && value.matches("\\d+\\.\\d+")) {
                return key + ": " + prefix + value;
            }
            if (rewrite.containsKey(key)) {
                return key + ": " + rewrite.get(key);
            }
            return line;
        }).toList();
        return AmiMessage.ofLines(lines);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "gateway.asterisk.host=127.0.0.1",
                "gateway.asterisk.port=" + fake().port(),
                "gateway.asterisk.username=" + USER,
                "gateway.asterisk.secret=" + SECRET,
                "gateway.asterisk.voicemail-spool=" + spool(),
                "gateway.asterisk.reconnect-initial=50ms",
                "gateway.asterisk.reconnect-max=200ms",
                "gateway.asterisk.response-timeout=2s",
                "gateway.asterisk.operator-channel=Local/{ext}@agents/n");
    }
}
