package ru.supportgateway.telephony.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ru.supportgateway.telephony.fake.AmiCapture;
import ru.supportgateway.telephony.fake.AmiMessage;

/**
 * A one-session fake Asterisk for the benchmark. It answers Login and the library's start-up actions
 * with the captured responses (like the test FakeAmiServer), and then lets the benchmark push raw bytes
 * in large writes: FakeAmiServer writes and flushes message by message and session by session, which
 * would make the fake, not the gateway, the bottleneck.
 */
final class BenchAmiServer implements AutoCloseable {

    private static final String NONCE = "122242082";
    private static final byte[] BANNER = "Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.US_ASCII);

    private final String username;
    private final String secret;
    private final List<AmiMessage> loginExchange = AmiCapture.load("01-queue-answered").loginExchange();
    private final AmiCapture actions = AmiCapture.load("06a-actions");
    private final AmiMessage challengeAnswer = AmiCapture.load("06b-login-md5").answersTo("challenge").get(0).get(0);
    private final ServerSocket server;
    private final CompletableFuture<Session> loggedIn = new CompletableFuture<>();

    BenchAmiServer(String username, String secret) throws IOException {
        this.username = username;
        this.secret = secret;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::acceptLoop, "bench-ami-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The session once the client has logged in. */
    Session awaitLogin() throws Exception {
        return loggedIn.get(10, TimeUnit.SECONDS);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                s.setSendBufferSize(1 << 20);
                Session session = new Session(s);
                session.write(BANNER);
                session.serve();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private static String md5Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    final class Session {
        private final Socket socket;
        private final OutputStream out;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        /** Writes bytes as one write call; the caller batches. */
        void write(byte[] bytes) throws IOException {
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        }

        private void serve() {
            Thread t = new Thread(() -> {
                try (socket; InputStream in = new BufferedInputStream(socket.getInputStream())) {
                    Map<String, String> action;
                    while ((action = readAction(in)) != null) {
                        answer(action);
                    }
                } catch (IOException e) {
                    // client went away; the benchmark reports what arrived
                }
            }, "bench-ami-session");
            t.setDaemon(true);
            t.start();
        }

        private void answer(Map<String, String> action) throws IOException {
            String name = action.getOrDefault("action", "").toLowerCase(Locale.ROOT);
            String id = action.get("actionid");
            if (name.equals("challenge")) {
                // asterisk-java logs in with MD5 challenge/response (capture 06b)
                write(challengeAnswer.withActionId(id).withHeader("Challenge", NONCE).raw());
                return;
            }
            if (name.equals("login")) {
                boolean ok = username.equals(action.get("username")) && (action.containsKey("key")
                        ? md5Hex(NONCE + secret).equalsIgnoreCase(action.get("key")) : secret.equals(action.get("secret")));
                if (!ok) {
                    write(AmiMessage.ofLines(List.of("Response: Error", "ActionID: " + id,
                            "Message: Authentication failed")).raw());
                    socket.close();
                    return;
                }
                for (int i = 0; i < loginExchange.size(); i++) {
                    write((i == 0 ? loginExchange.get(0).withActionId(id) : loginExchange.get(i)).raw());
                }
                loggedIn.complete(this);
                return;
            }
            List<List<AmiMessage>> captured = actions.answersTo(name);
            if (captured.isEmpty()) {
                write(AmiMessage.ofLines(List.of("Response: Success", "ActionID: " + id, "Message: OK")).raw());
            } else {
                for (AmiMessage m : captured.get(0)) {
                    write(m.withActionId(id).raw());
                }
            }
        }

        private Map<String, String> readAction(InputStream in) throws IOException {
            Map<String, String> action = new LinkedHashMap<>();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            List<String> lines = new ArrayList<>();
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8).replace("\r", "");
                line.reset();
                if (!text.isEmpty()) {
                    lines.add(text);
                } else if (!lines.isEmpty()) {
                    for (String l : lines) {
                        action.putIfAbsent(AmiMessage.keyOf(l).trim().toLowerCase(Locale.ROOT), AmiMessage.valueOf(l));
                    }
                    return action;
                }
            }
            return null;
        }
    }
}
