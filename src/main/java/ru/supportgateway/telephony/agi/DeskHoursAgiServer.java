package ru.supportgateway.telephony.agi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The FastAGI server, started and stopped with the application.
 * <p>
 * asterisk-java's {@link DefaultAgiServer} runs the protocol and the worker pool; the listening socket
 * is bound here, in {@link #start()}, so that a port already in use fails the start with a clear error
 * (instead of a log line from a background thread) and port 0 can report the port it got.
 */
public final class DeskHoursAgiServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeskHoursAgiServer.class);
    /** A FastAGI exchange takes milliseconds; a connection silent this long is dead, free its thread. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(1);

    private final AgiProperties settings;
    private final Map<String, AgiScript> scripts;
    private volatile Server server;
    private volatile ServerSocket socket;

    public DeskHoursAgiServer(AgiProperties settings, DeskHoursScript deskHours) {
        this.settings = settings;
        this.scripts = Map.of(DeskHoursScript.NAME, deskHours);
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        ServerSocket ss;
        try {
            ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getByName(settings.bind()), settings.port()), 200);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for FastAGI on " + settings.bind() + ":" + settings.port()
                    + " (gateway.agi.bind / gateway.agi.port): " + e.getMessage(), e);
        }
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(scripts);
        Server s = new Server(mapping, ss);
        Thread accept = new Thread(() -> {
            try {
                s.startup();
            } catch (IOException | RuntimeException e) {
                log.error("FastAGI server stopped unexpectedly", e);
            }
        }, "fastagi-accept-" + ss.getLocalPort());
        accept.setDaemon(true);
        accept.start();
        socket = ss;
        server = s;
        log.info("FastAGI server listening on {}:{} (scripts: {})", settings.bind(), ss.getLocalPort(), scripts.keySet());
    }

    @Override
    public synchronized void stop() {
        Server s = server;
        server = null;
        socket = null;
        if (s != null) {
            s.shutdown(); // closes the listening socket; running scripts finish on their own
            log.info("FastAGI server stopped");
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port actually listened on (useful with {@code gateway.agi.port=0}); -1 when stopped. */
    public int localPort() {
        ServerSocket ss = socket;
        return ss == null ? -1 : ss.getLocalPort();
    }

    /** {@link DefaultAgiServer} on a socket bound beforehand. */
    private static final class Server extends DefaultAgiServer {
        private final ServerSocket socket;

        Server(SimpleMappingStrategy mapping, ServerSocket socket) {
            super(mapping);
            this.socket = socket;
            setPort(socket.getLocalPort());
        }

        @Override
        protected ServerSocketFacade createServerSocket() {
            return new ServerSocketFacade() {
                @Override
                public SocketConnectionFacade accept() throws IOException {
                    Socket s = socket.accept();
                    s.setSoTimeout((int) READ_TIMEOUT.toMillis());
                    s.setTcpNoDelay(true); // one short command per round trip
                    return new FastAgiSocket(s);
                }

                @Override
                public void close() throws IOException {
                    socket.close();
                }

                @Override
                public void setSocketReadTimeout(int timeout) {
                    // fixed READ_TIMEOUT
                }
            };
        }
    }
}
