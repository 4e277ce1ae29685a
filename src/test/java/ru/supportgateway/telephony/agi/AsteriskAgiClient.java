package ru.supportgateway.telephony.agi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays Asterisk's side of a FastAGI session as the lab captures show it: the {@code agi_*} environment
 * of {@code agi/01-support-hours-open.raw} (script and request URL replaced), LF line ends, then one
 * {@code 200 result=1} reply per command. Optionally a caller hang-up: a {@code HANGUP} line before the
 * reply to one command, as in capture 08, or the socket closed after some command.
 */
final class AsteriskAgiClient {

    private static final String CAPTURE = "/asterisk/agi/01-support-hours-open.raw";

    private final int port;
    private int hangupLineBeforeReply = -1;
    private int closeAfterCommands = -1;

    AsteriskAgiClient(int port) {
        this.port = port;
    }

    /** Sends {@code HANGUP} before the reply to the command with this index (0-based), as in capture 08. */
    AsteriskAgiClient hangupLineBeforeReplyTo(int commandIndex) {
        this.hangupLineBeforeReply = commandIndex;
        return this;
    }

    /** Closes the socket after reading this many commands, without replying to the last one. */
    AsteriskAgiClient closeAfterCommands(int n) {
        this.closeAfterCommands = n;
        return this;
    }

    /** What the FastAGI server did in one session. */
    record Session(List<String> commands, Map<String, String> variables, boolean serverClosed) {

        /** Channel variables set with SET VARIABLE, without asterisk-java's own AJ_AGISTATUS. */
        Map<String, String> deskVariables() {
            Map<String, String> copy = new LinkedHashMap<>(variables);
            copy.remove("AJ_AGISTATUS");
            return copy;
        }
    }

    /** Runs {@code AGI(agi://127.0.0.1:<port>/<scriptAndQuery>)}. */
    Session call(String scriptAndQuery) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(environment(scriptAndQuery).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            List<String> commands = new ArrayList<>();
            Map<String, String> variables = new LinkedHashMap<>();
            String line;
            while ((line = readLine(in)) != null) {
                int index = commands.size();
                commands.add(line);
                List<String> words = words(line);
                if (words.size() == 4 && words.get(0).equals("SET") && words.get(1).equals("VARIABLE")) {
                    variables.put(words.get(2), words.get(3));
                }
                if (closeAfterCommands == commands.size()) {
                    return new Session(commands, variables, false);
                }
                StringBuilder reply = new StringBuilder();
                if (index == hangupLineBeforeReply) {
                    reply.append("HANGUP\n");
                }
                reply.append("200 result=1\n");
                out.write(reply.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            return new Session(commands, variables, true);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("FastAGI server neither sent a command nor closed the socket within 5 s", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The captured environment up to and including its empty line, with our script and URL. */
    private String environment(String scriptAndQuery) throws IOException {
        String raw;
        try (InputStream is = AsteriskAgiClient.class.getResourceAsStream(CAPTURE)) {
            raw = new String(is.readAllBytes(), StandardCharsets.UTF_8);
        }
        String env = raw.substring(0, raw.indexOf("\n\n") + 2);
        return env.replace("agi_network_script: support-hours\n", "agi_network_script: " + scriptAndQuery + "\n")
                .replace("agi_request: agi://127.0.0.1:4573/support-hours\n",
                        "agi_request: agi://127.0.0.1:" + port + "/" + scriptAndQuery + "\n");
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return buf.toString(StandardCharsets.UTF_8);
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.UTF_8);
    }

    /** Splits a command line into words; "quoted words" may contain spaces and \" \\ escapes. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < line.length()) {
                    w.append(line.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    w.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
