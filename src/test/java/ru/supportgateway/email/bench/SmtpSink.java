package ru.supportgateway.email.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on loopback that accepts every mail at once and keeps nothing but counts: a mail is
 * "accepted" when its DATA ended and the server answered 250, as a real server's acceptance would be.
 * One thread per connection; enough SMTP for Jakarta Mail (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).
 */
final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean open = true;

    SmtpSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "smtp-sink");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> session(s), "smtp-sink-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (open) {
                    e.printStackTrace();
                }
            }
        }
    }

    private void session(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            s.setTcpNoDelay(true);
            reply(out, "220 sink.bench ESMTP ready");
            String line;
            while ((line = readLine(in)) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO" -> reply(out, "250-sink.bench\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SIZE 52428800");
                    case "HELO" -> reply(out, "250 sink.bench");
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String d;
                        while ((d = readLine(in)) != null && !d.equals(".")) {
                            // discard
                        }
                        if (d == null) {
                            return;
                        }
                        accepted.incrementAndGet();
                        reply(out, "250 2.0.0 accepted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = b.size();
                byte[] bytes = b.toByteArray();
                return new String(bytes, 0, n > 0 && bytes[n - 1] == '\r' ? n - 1 : n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
    }
}
