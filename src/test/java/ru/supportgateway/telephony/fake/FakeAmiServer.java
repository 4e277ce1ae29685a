package ru.supportgateway.telephony.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server on 127.0.0.1 that speaks AMI the way the Asterisk 22.10.1 captures show.
 * <p>
 * Responses are not typed in here: they are taken from the captures ({@code 06a}, {@code 06b},
 * {@code 06c}, {@code 04}, {@code 05a}) and only the ActionID is replaced by the client's.
 * Scenario events are replayed byte for byte from any capture via {@link #replay(AmiCapture)}.
 */
public final class FakeAmiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FakeAmiServer.class);
    private static final byte[] BANNER_LINE = "Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.US_ASCII);

    private final String username;
    private volatile String secret;
    /** Messages (msg_id) each box holds, "100@support" -> ids; a box not listed is empty. */
    private final Map<String, List<String>> voicemailBoxes = new ConcurrentHashMap<>();
    private final Map<String, List<AmiMessage>> answers = new ConcurrentHashMap<>();
    private final AmiMessage permissionDenied;
    private final AmiMessage authFailed;
    private final AmiMessage challengeAnswer;
    private final AmiMessage requestBadFormat;
    private final AmiMessage shutdownRestart;
    private final AmiMessage shutdownStop;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> receivedActions = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger successfulLogins = new AtomicInteger();
    private final AtomicInteger failedLogins = new AtomicInteger();
    private final AtomicInteger closeWithoutBanner = new AtomicInteger();
    private final AtomicInteger closedWithoutBanner = new AtomicInteger();
    private final AtomicReference<AmiCapture> armedOriginate = new AtomicReference<>();

    private volatile List<AmiMessage> loginExchange;
    private volatile boolean fullyBootedOnLogin = true;
    private volatile Duration authFailureDelay = Duration.ofSeconds(1);
    private volatile String fixedChallenge;
    private volatile ServerSocket serverSocket;
    private volatile int port;
    private volatile boolean closed;

    public FakeAmiServer(String username, String secret) {
        this.username = username;
        this.secret = secret;
        AmiCapture actions = AmiCapture.load("06a-actions");
        for (String action : actions.actionNames()) {
            actions.answersTo(action).stream().findFirst().ifPresent(a -> answers.putIfAbsent(action, a));
        }
        answers.put("filter", AmiCapture.load("04-voicemail-filtered").answersTo("filter").get(0));
        answers.put("originate", AmiCapture.load("05a-callback-success").answersTo("originate").get(0));
        AmiCapture failed = AmiCapture.load("06c-login-failed");
        this.permissionDenied = failed.answersTo("ping").get(0).get(0);
        this.authFailed = failed.answersTo("login").get(0).get(0);
        this.challengeAnswer = AmiCapture.load("06b-login-md5").answersTo("challenge").get(0).get(0);
        this.requestBadFormat = actions.received().stream()
                .filter(m -> m.eventName().equals("RequestBadFormat")).findFirst().orElseThrow();
        this.shutdownRestart = AmiCapture.load("07a-restart-while-connected").scenarioEvents().get(0);
        this.shutdownStop = AmiCapture.load("07d-stop-now").scenarioEvents().get(0);
        this.loginExchange = AmiCapture.load("01-queue-answered").loginExchange();
        // as captured in 06a: box 100@support holds the messages of 02b, 03 and 04
        voicemailBoxes.put("100@support", answers.get("voicemailboxsummary").stream()
                .filter(m -> m.eventName().equals("VoicemailBoxDetail"))
                .map(m -> m.header("ID").orElseThrow()).toList());
    }

    // ---------------------------------------------------------------- configuration

    /** Login response and pushed events (FullyBooted, SuccessfulAuth) are taken from this capture. */
    public FakeAmiServer loginExchangeFrom(AmiCapture capture) {
        this.loginExchange = capture.loginExchange();
        return this;
    }

    /** false = like 07b: logged in before the system was fully booted, no FullyBooted after login. */
    public FakeAmiServer fullyBootedOnLogin(boolean value) {
        this.fullyBootedOnLogin = value;
        return this;
    }

    /** Asterisk waits ~1 s before answering a wrong secret (06c); tests may shorten it. */
    public FakeAmiServer authFailureDelay(Duration delay) {
        this.authFailureDelay = delay;
        return this;
    }

    /** Makes the MD5 challenge deterministic (06b used 122242082). */
    public FakeAmiServer fixedChallenge(String nonce) {
        this.fixedChallenge = nonce;
        return this;
    }

    /** From now on Asterisk accepts this secret only (e.g. the administrator changed manager.conf). */
    public FakeAmiServer secret(String newSecret) {
        this.secret = newSecret;
        return this;
    }

    /**
     * Which of the captured 06a messages (by msg_id) VoicemailBoxSummary lists for {@code box}
     * ("100@support"); the answer is the captured one with the other items left out.
     */
    public FakeAmiServer voicemailBox(String box, List<String> msgIds) {
        voicemailBoxes.put(box, List.copyOf(msgIds));
        return this;
    }

    /** The next Originate will be followed by the scenario events of {@code capture}. */
    public void armOriginate(AmiCapture capture) {
        armedOriginate.set(capture);
    }

    // ---------------------------------------------------------------- lifecycle

    public FakeAmiServer start() throws IOException {
        listen(0);
        return this;
    }

    private void listen(int wantedPort) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort));
        this.serverSocket = ss;
        this.port = ss.getLocalPort();
        Thread t = new Thread(() -> acceptLoop(ss), "fake-ami-accept-" + port);
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return port;
    }

    /** Closes the listening socket: connects are refused (as while Asterisk restarts). */
    public void stopListening() throws IOException {
        ServerSocket ss = serverSocket;
        if (ss != null) {
            ss.close();
        }
    }

    /** Listens again on the same port. */
    public void startListening() throws IOException {
        listen(port);
    }

    /** The next {@code n} accepted connections are closed after ~27 ms without a banner (07b). */
    public void closeNextConnectionsWithoutBanner(int n) {
        closeWithoutBanner.set(n);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        stopListening();
        for (Session s : sessions) {
            s.closeQuietly();
        }
    }

    // ---------------------------------------------------------------- script controls

    /** Sends the captured {@code Event: Shutdown} (07a restart / 07d stop), then closes every session. */
    public void shutdown(boolean restart) {
        AmiMessage event = restart ? shutdownRestart : shutdownStop;
        for (Session s : sessions) {
            s.sendIfAllowed(event);
        }
        sleep(Duration.ofMillis(12));
        for (Session s : sessions) {
            s.closeQuietly();
        }
    }

    /** Drops every session abruptly (RST, no Shutdown event). */
    public void drop() {
        for (Session s : sessions) {
            s.abort();
        }
    }

    /** Sends these broadcast events to every logged-in session (e.g. a capture's events with changed ids). */
    public void replay(List<AmiMessage> events) {
        for (AmiMessage m : events) {
            for (Session s : sessions) {
                if (s.loggedIn) {
                    s.sendIfAllowed(m);
                }
            }
        }
    }

    /**
     * Sends the scenario's broadcast events to every logged-in session, byte for byte, except that
     * an ActionID that belonged to the capture's Originate is replaced by the session's own.
     */
    public void replay(AmiCapture capture) {
        List<String> capturedOriginateIds = capture.actionIdsOf("originate");
        for (AmiMessage m : capture.scenarioEvents()) {
            for (Session s : sessions) {
                if (!s.loggedIn) {
                    continue;
                }
                AmiMessage toSend = m;
                Optional<String> id = m.header("ActionID");
                if (id.isPresent() && capturedOriginateIds.contains(id.get()) && s.lastOriginateId != null) {
                    toSend = m.withActionId(s.lastOriginateId);
                }
                s.sendIfAllowed(toSend);
            }
        }
    }

    public int acceptedConnections() {
        return accepted.get();
    }

    public int successfulLogins() {
        return successfulLogins.get();
    }

    public int failedLogins() {
        return failedLogins.get();
    }

    public int connectionsClosedWithoutBanner() {
        return closedWithoutBanner.get();
    }

    public int openSessions() {
        return (int) sessions.stream().filter(s -> !s.socket.isClosed()).count();
    }

    /** Every action received, keys lower-cased, in arrival order. */
    public List<Map<String, String>> receivedActions() {
        return List.copyOf(receivedActions);
    }

    // ---------------------------------------------------------------- connection handling

    private void acceptLoop(ServerSocket ss) {
        while (!ss.isClosed()) {
            Socket socket;
            try {
                socket = ss.accept();
            } catch (IOException e) {
                return; // listening socket closed
            }
            accepted.incrementAndGet();
            if (closeWithoutBanner.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                Thread t = new Thread(() -> {
                    sleep(Duration.ofMillis(27));
                    closedWithoutBanner.incrementAndGet();
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // nothing to do
                    }
                }, "fake-ami-nobanner");
                t.setDaemon(true);
                t.start();
                continue;
            }
            Session session = new Session(socket);
            sessions.add(session);
            Thread t = new Thread(session::run, "fake-ami-session-" + socket.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Session {
        private final Socket socket;
        private final Object writeLock = new Object();
        private final List<Pattern> filters = new CopyOnWriteArrayList<>();
        private volatile boolean loggedIn;
        private volatile String challenge;
        private volatile String lastOriginateId;

        Session(Socket socket) {
            this.socket = socket;
        }

        void run() {
            try (socket) {
                OutputStream os = socket.getOutputStream();
                synchronized (writeLock) {
                    os.write(BANNER_LINE);
                    os.flush();
                }
                InputStream is = socket.getInputStream();
                List<String> action;
                while ((action = readMessage(is)) != null) {
                    if (!handle(action)) {
                        break;
                    }
                }
            } catch (IOException e) {
                log.debug("fake AMI session ended: {}", e.toString());
            } finally {
                sessions.remove(this);
            }
        }

        /** Reads one action; lines end with CRLF (a bare LF is accepted too), an empty line ends it. */
        private List<String> readMessage(InputStream is) throws IOException {
            List<String> lines = new ArrayList<>();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = is.read()) >= 0) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    String text = new String(bytes, 0, len, StandardCharsets.UTF_8);
                    line.reset();
                    if (text.isEmpty()) {
                        if (!lines.isEmpty()) {
                            return lines;
                        }
                    } else {
                        lines.add(text);
                    }
                } else {
                    line.write(b);
                }
            }
            return null;
        }

        /** @return false when the session must end */
        private boolean handle(List<String> lines) throws IOException {
            Map<String, String> action = new java.util.LinkedHashMap<>();
            List<String> filterValues = new ArrayList<>();
            for (String line : lines) {
                String key = AmiMessage.keyOf(line).trim().toLowerCase(Locale.ROOT);
                String value = AmiMessage.valueOf(line);
                if (key.equals("filter")) {
                    filterValues.add(value);
                }
                action.putIfAbsent(key, value);
            }
            receivedActions.add(Map.copyOf(action));
            String name = action.getOrDefault("action", "");
            String lname = name.toLowerCase(Locale.ROOT);
            String actionId = action.get("actionid");

            if (lname.equals("challenge")) {
                challenge = fixedChallenge != null ? fixedChallenge
                        : Integer.toString(ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999));
                send(challengeAnswer.withActionId(actionId).withHeader("Challenge", challenge));
                return true;
            }
            if (lname.equals("login")) {
                return login(action, actionId);
            }
            if (!loggedIn) {
                send(permissionDenied.withActionId(actionId));
                return true;
            }
            switch (lname) {
                case "logoff" -> {
                    sendAnswer("logoff", actionId);
                    return false;
                }
                case "filter" -> {
                    // Asterisk matches the filter as a regular expression against the event text
                    if ("add".equalsIgnoreCase(action.getOrDefault("operation", "add"))) {
                        filterValues.forEach(f -> filters.add(Pattern.compile(f)));
                    }
                    sendAnswer("filter", actionId);
                }
                case "originate" -> {
                    lastOriginateId = actionId;
                    sendAnswer("originate", actionId);
                    AmiCapture scenario = armedOriginate.getAndSet(null);
                    if (scenario != null) {
                        replay(scenario);
                    }
                }
                case "voicemailboxsummary" -> {
                    String box = action.getOrDefault("mailbox", "") + "@" + action.getOrDefault("context", "default");
                    List<String> held = voicemailBoxes.getOrDefault(box, List.of());
                    List<AmiMessage> answer = answers.get(lname);
                    List<AmiMessage> items = answer.stream().filter(m -> !m.eventName().equals("VoicemailBoxDetail")
                            || held.contains(m.header("ID").orElse(""))).toList();
                    for (AmiMessage m : items) {
                        AmiMessage out = m.eventName().equals("VoicemailBoxDetailComplete")
                                ? m.withHeader("ListItems", Integer.toString(items.size() - 2)) : m;
                        send(out.withActionId(actionId));
                    }
                }
                default -> {
                    if (answers.containsKey(lname)) {
                        sendAnswer(lname, actionId);
                    } else {
                        send(answers.get("nosuchaction").get(0).withActionId(actionId).withHeader("Message",
                                "Invalid/unknown command: " + name
                                        + ". Use Action: ListCommands to show available commands."));
                        sendIfAllowed(requestBadFormat.withHeader("RequestType", "Action: " + name));
                    }
                }
            }
            return true;
        }

        private boolean login(Map<String, String> action, String actionId) throws IOException {
            boolean userOk = username.equals(action.get("username"));
            boolean secretOk;
            if (action.containsKey("key")) {
                secretOk = challenge != null && md5Hex(challenge + secret).equalsIgnoreCase(action.get("key"));
            } else {
                secretOk = secret.equals(action.get("secret"));
            }
            if (!(userOk && secretOk)) {
                failedLogins.incrementAndGet();
                sleep(authFailureDelay);
                send(authFailed.withActionId(actionId));
                return false; // Asterisk closes the connection after a failed login (06c)
            }
            List<AmiMessage> exchange = loginExchange;
            send(exchange.get(0).withActionId(actionId));
            loggedIn = true;
            successfulLogins.incrementAndGet();
            for (AmiMessage m : exchange.subList(1, exchange.size())) {
                if (fullyBootedOnLogin || !m.eventName().equals("FullyBooted")) {
                    sendIfAllowed(m);
                }
            }
            return true;
        }

        private void sendAnswer(String lname, String actionId) throws IOException {
            for (AmiMessage m : answers.get(lname)) {
                send(m.withActionId(actionId));
            }
        }

        void sendIfAllowed(AmiMessage event) {
            if (!filters.isEmpty() && filters.stream().noneMatch(p -> p.matcher(event.text()).find())) {
                return;
            }
            try {
                send(event);
            } catch (IOException e) {
                log.debug("fake AMI write failed: {}", e.toString());
            }
        }

        private void send(AmiMessage m) throws IOException {
            synchronized (writeLock) {
                OutputStream os = socket.getOutputStream();
                os.write(m.raw());
                os.flush();
            }
        }

        void closeQuietly() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        void abort() {
            try {
                socket.setSoLinger(true, 0);
            } catch (SocketException ignored) {
                // already closed
            }
            closeQuietly();
        }
    }

    static String md5Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isClosed() {
        return closed;
    }
}
