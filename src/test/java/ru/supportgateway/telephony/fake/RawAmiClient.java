package ru.supportgateway.telephony.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Byte-level AMI client for testing the fake: sends raw bytes, collects everything received. */
final class RawAmiClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean eof;

    RawAmiClient(int port) throws IOException {
        this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
        this.socket.setSoTimeout(5000);
        this.in = socket.getInputStream();
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(AmiMessage message) throws IOException {
        send(message.raw());
    }

    /** Reads until at least {@code total} bytes have been received in this session. */
    byte[] readUntilTotal(int total) throws IOException {
        byte[] buf = new byte[8192];
        while (received.size() < total) {
            int n = in.read(buf);
            if (n < 0) {
                eof = true;
                break;
            }
            received.write(buf, 0, n);
        }
        return received.toByteArray();
    }

    /** Reads until the peer closes the connection (or the 5 s read timeout fires). */
    byte[] readToEof() throws IOException {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                received.write(buf, 0, n);
            }
            eof = true;
        } catch (SocketTimeoutException e) {
            eof = false;
        }
        return received.toByteArray();
    }

    /** Reads until the received text contains {@code marker}. */
    String readUntilContains(String marker) throws IOException {
        byte[] buf = new byte[8192];
        while (!text().contains(marker)) {
            int n = in.read(buf);
            if (n < 0) {
                eof = true;
                break;
            }
            received.write(buf, 0, n);
        }
        return text();
    }

    String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    byte[] bytes() {
        return received.toByteArray();
    }

    boolean sawEof() {
        return eof;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
