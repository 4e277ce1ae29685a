package ru.supportgateway.telephony.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A recorded AMI session ({@code NN-name.in.raw} / {@code .out.raw} from the Asterisk lab) split
 * into the banner and messages. Messages keep their exact bytes so the fake can replay them.
 */
public final class AmiCapture {

    public static final String RESOURCE_DIR = "/asterisk/ami/";

    private final String name;
    private final byte[] inBytes;
    private final String banner;
    private final List<AmiMessage> in;
    private final List<AmiMessage> out;

    private AmiCapture(String name, byte[] inBytes, byte[] outBytes) {
        this.name = name;
        this.inBytes = inBytes;
        int bannerEnd = indexOf(inBytes, new byte[] {'\r', '\n'}, 0);
        if (bannerEnd < 0) {
            // 07b failed attempt: accepted and closed, nothing received
            this.banner = null;
            this.in = List.of();
        } else {
            this.banner = new String(inBytes, 0, bannerEnd, StandardCharsets.UTF_8);
            this.in = split(inBytes, bannerEnd + 2);
        }
        this.out = split(outBytes, 0);
    }

    /** Loads {@code name}.in.raw / .out.raw from the test classpath, e.g. {@code "01-queue-answered"}. */
    public static AmiCapture load(String name) {
        return new AmiCapture(name, read(name + ".in.raw"), read(name + ".out.raw"));
    }

    private static byte[] read(String file) {
        try (InputStream is = AmiCapture.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (is == null) {
                throw new IllegalArgumentException("capture not found: " + file);
            }
            return is.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<AmiMessage> split(byte[] bytes, int from) {
        List<AmiMessage> messages = new ArrayList<>();
        byte[] end = {'\r', '\n', '\r', '\n'};
        int start = from;
        while (start < bytes.length) {
            int idx = indexOf(bytes, end, start);
            if (idx < 0) {
                throw new IllegalStateException("trailing bytes without message end at " + start);
            }
            messages.add(AmiMessage.of(Arrays.copyOfRange(bytes, start, idx + 4)));
            start = idx + 4;
        }
        return messages;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public String name() {
        return name;
    }

    public byte[] inBytes() {
        return inBytes.clone();
    }

    public Optional<String> banner() {
        return Optional.ofNullable(banner);
    }

    /** Messages received from Asterisk, in order (banner excluded). */
    public List<AmiMessage> received() {
        return in;
    }

    /** Actions the client sent. */
    public List<AmiMessage> sent() {
        return out;
    }

    /** Index of the response to the client's Login (first Response carrying Login's ActionID). */
    private int loginResponseIndex() {
        Optional<String> loginId = out.stream()
                .filter(m -> m.header("Action").map("login"::equalsIgnoreCase).orElse(false))
                .findFirst().flatMap(m -> m.header("ActionID"));
        for (int i = 0; i < in.size(); i++) {
            AmiMessage m = in.get(i);
            if (m.isResponse() && loginId.isPresent() && loginId.equals(m.header("ActionID"))) {
                return i;
            }
        }
        return -1;
    }

    /** The response to Login plus the events Asterisk pushes with it (FullyBooted, SuccessfulAuth). */
    public List<AmiMessage> loginExchange() {
        int idx = loginResponseIndex();
        if (idx < 0) {
            return List.of();
        }
        List<AmiMessage> result = new ArrayList<>();
        result.add(in.get(idx));
        for (int i = idx + 1; i < in.size() && isLoginSideEffect(in.get(i)); i++) {
            result.add(in.get(i));
        }
        return result;
    }

    private static boolean isLoginSideEffect(AmiMessage m) {
        String ev = m.eventName();
        return m.isBroadcastEvent() && (ev.equals("FullyBooted") || ev.equals("SuccessfulAuth"));
    }

    /**
     * The broadcast events of the scenario: every message with Event + Privilege after the login
     * exchange. Responses and list items (which answer one session's actions) are left out.
     */
    public List<AmiMessage> scenarioEvents() {
        int idx = loginResponseIndex();
        int start = idx + loginExchange().size();
        List<AmiMessage> result = new ArrayList<>();
        for (int i = Math.max(start, 0); i < in.size(); i++) {
            if (in.get(i).isBroadcastEvent()) {
                result.add(in.get(i));
            }
        }
        return result;
    }

    /** Concatenated bytes of {@link #scenarioEvents()}. */
    public byte[] scenarioBytes() {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        scenarioEvents().forEach(m -> bos.writeBytes(m.raw()));
        return bos.toByteArray();
    }

    /** ActionIDs the client used for actions named {@code action}. */
    public List<String> actionIdsOf(String action) {
        return out.stream()
                .filter(m -> m.header("Action").map(a -> a.equalsIgnoreCase(action)).orElse(false))
                .map(m -> m.header("ActionID").orElse(null))
                .filter(id -> id != null)
                .toList();
    }

    /**
     * Per action name (lower case) the messages Asterisk answered it with: the Response plus
     * any list items / Complete event carrying the action's ActionID and no Privilege.
     */
    public List<List<AmiMessage>> answersTo(String action) {
        List<List<AmiMessage>> result = new ArrayList<>();
        for (String id : actionIdsOf(action)) {
            List<AmiMessage> answer = in.stream()
                    .filter(m -> !m.isBroadcastEvent())
                    .filter(m -> m.header("ActionID").map(id::equals).orElse(false))
                    .toList();
            if (!answer.isEmpty()) {
                result.add(answer);
            }
        }
        return result;
    }

    /** Names (lower case) of all actions the client sent. */
    public List<String> actionNames() {
        return out.stream().map(m -> m.header("Action").orElse("").toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
