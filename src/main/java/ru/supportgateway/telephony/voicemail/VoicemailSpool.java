package ru.supportgateway.telephony.voicemail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads messages from Asterisk's voicemail spool ({@code <spool>/<context>/<box>/<folder>/msgNNNN.txt} and
 * the audio next to it). The gateway may mount the spool elsewhere than Asterisk's
 * {@code /var/spool/asterisk/voicemail}, so paths from events are re-rooted: only their last four
 * segments (context, box, folder, file) are used, and nothing outside the spool is ever opened.
 */
public final class VoicemailSpool {

    private static final Logger log = LoggerFactory.getLogger(VoicemailSpool.class);
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.@+-]+");
    private static final Pattern MSG_FILE = Pattern.compile("msg\\d{4}");
    /** Formats app_voicemail may record in, first match wins; {@code WAV} is GSM in a WAV container. */
    private static final List<Map.Entry<String, String>> AUDIO = List.of(
            Map.entry("wav", "audio/wav"), Map.entry("WAV", "audio/wav"), Map.entry("gsm", "audio/x-gsm"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("ulaw", "audio/basic"), Map.entry("alaw", "audio/x-alaw-basic"));
    private static final Pattern CALLER_ID = Pattern.compile("\\s*(?:\"([^\"]*)\"|([^<]*?))\\s*<([^>]*)>\\s*");

    private final Path root;

    public VoicemailSpool(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The message an event named ({@code MessageFile}: path without extension). */
    public Optional<Voicemail> read(String messageFile) {
        if (messageFile == null || messageFile.isBlank()) {
            return Optional.empty();
        }
        String[] parts = messageFile.strip().split("/");
        if (parts.length < 4) {
            log.warn("voicemail file '{}' does not look like <context>/<box>/<folder>/msgNNNN", messageFile);
            return Optional.empty();
        }
        return base(parts[parts.length - 4], parts[parts.length - 3], parts[parts.length - 2], parts[parts.length - 1])
                .flatMap(this::readAt);
    }

    /** The message with that msg_id in a box's folder (VoicemailBoxSummary gives the ID, not the file). */
    public Optional<Voicemail> find(String context, String box, String folder, String msgId) {
        Optional<Path> dir = base(context, box, folder, "msg0000").map(Path::getParent);
        if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir.get())) {
            return files.filter(p -> p.getFileName().toString().matches("msg\\d{4}\\.txt"))
                    .sorted()
                    .map(p -> p.resolveSibling(p.getFileName().toString().replace(".txt", "")))
                    .map(this::readAt)
                    .flatMap(Optional::stream)
                    .filter(v -> msgId.equals(v.msgId()))
                    .findFirst();
        } catch (IOException e) {
            log.warn("cannot list voicemail folder {}: {}", dir.get(), e.toString());
            return Optional.empty();
        }
    }

    private Optional<Path> base(String context, String box, String folder, String file) {
        for (String s : new String[] {context, box, folder}) {
            if (!SEGMENT.matcher(s).matches() || s.equals("..") || s.equals(".")) {
                return Optional.empty();
            }
        }
        if (!MSG_FILE.matcher(file).matches()) {
            return Optional.empty();
        }
        Path p = root.resolve(context).resolve(box).resolve(folder).resolve(file).normalize();
        return p.startsWith(root) ? Optional.of(p) : Optional.empty();
    }

    /** Reads {@code base.txt} and the audio beside it; empty when the .txt is missing or unreadable. */
    private Optional<Voicemail> readAt(Path base) {
        Path txt = base.resolveSibling(base.getFileName() + ".txt");
        Map<String, String> info;
        try {
            info = parseInfo(Files.readString(txt, StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn("cannot read voicemail info {}: {}", txt, e.toString());
            return Optional.empty();
        }
        String msgId = info.get("msg_id");
        if (msgId == null || msgId.isBlank()) {
            return Optional.empty();
        }
        Instant recordedAt = parseLong(info.get("origtime")).map(Instant::ofEpochSecond).orElse(null);
        String[] callerId = parseCallerId(info.get("callerid"));
        Integer duration = parseLong(info.get("duration")).map(Long::intValue).orElse(null);
        byte[] audio = null;
        String type = null;
        for (Map.Entry<String, String> format : AUDIO) {
            Path file = base.resolveSibling(base.getFileName() + "." + format.getKey());
            if (Files.isRegularFile(file)) {
                try {
                    audio = Files.readAllBytes(file);
                    type = format.getValue();
                    break;
                } catch (IOException e) {
                    log.warn("cannot read voicemail audio {}: {}", file, e.toString());
                }
            }
        }
        if (audio == null) {
            log.warn("voicemail {} has no readable audio next to {}", msgId, txt);
        }
        return Optional.of(new Voicemail(msgId.strip(), recordedAt, callerId[1], callerId[0], duration, audio, type));
    }

    /** {@code msgNNNN.txt}: an ini file, {@code key=value} under {@code [message]}, {@code ;} comments. */
    static Map<String, String> parseInfo(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith(";") || l.startsWith("[")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq > 0) {
                values.put(l.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), l.substring(eq + 1).strip());
            }
        }
        return values;
    }

    /** {@code "Parent Miller" <+15555550123>} → [name, number]; parts Asterisk marks unknown become null. */
    public static String[] parseCallerId(String callerId) {
        if (callerId == null || callerId.isBlank()) {
            return new String[] {null, null};
        }
        Matcher m = CALLER_ID.matcher(callerId);
        String name;
        String number;
        if (m.matches()) {
            name = m.group(1) != null ? m.group(1) : m.group(2);
            number = m.group(3);
        } else {
            name = null;
            number = callerId.strip();
        }
        return new String[] {known(name), known(number)};
    }

    private static String known(String s) {
        if (s == null) {
            return null;
        }
        String v = s.strip();
        return v.isEmpty() || v.equalsIgnoreCase("unknown") || v.equalsIgnoreCase("<unknown>") ? null : v;
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return s == null ? Optional.empty() : Optional.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
