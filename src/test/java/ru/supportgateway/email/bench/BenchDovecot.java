package ru.supportgateway.email.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Dovecot IMAP server of the benchmark's own: configuration, Maildirs, logs and sockets in a temporary
 * directory, listening on a free loopback port, one static password for every user. Needs Debian's
 * {@code dovecot-imapd} ({@link #ensureInstalled}). Dovecot refuses to run its login process or a mail
 * user as root: a root run uses Debian's {@code dovenull}/{@code dovecot} users for its own processes and
 * the {@code mail} user (uid 8) for the mailboxes, whose files are handed to it.
 */
final class BenchDovecot implements AutoCloseable {

    static final String PASSWORD = "bench";

    private final Path dir;
    private final int port;
    private final int mailUid;
    private final int mailGid;
    private Process master;

    private BenchDovecot(Path dir, int port, int mailUid, int mailGid) {
        this.dir = dir;
        this.port = port;
        this.mailUid = mailUid;
        this.mailGid = mailGid;
    }

    /** Finds the dovecot binary; installs {@code dovecot-imapd} with apt-get when missing and allowed. */
    static Path ensureInstalled(boolean install) throws IOException, InterruptedException {
        Path binary = find();
        if (binary != null) {
            return binary;
        }
        if (!install || !isRoot()) {
            throw new IllegalStateException("Dovecot is needed: apt-get install -y dovecot-imapd (as root), "
                    + "or run the benchmark as root with install=auto");
        }
        System.out.println("Installing dovecot-imapd (apt-get)...");
        if (run(List.of("apt-get", "install", "-y", "-q", "dovecot-imapd")) != 0) {
            run(List.of("apt-get", "update", "-q"));
            if (run(List.of("apt-get", "install", "-y", "-q", "dovecot-imapd")) != 0) {
                throw new IllegalStateException("apt-get install -y dovecot-imapd failed");
            }
        }
        binary = find();
        if (binary == null) {
            throw new IllegalStateException("dovecot-imapd installed, but no dovecot binary found");
        }
        return binary;
    }

    private static Path find() {
        for (String d : List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin")) {
            Path p = Path.of(d, "dovecot");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Prepares the directory and configuration; {@link #start} starts the server. */
    static BenchDovecot prepare(Path dir) throws IOException, InterruptedException {
        int uid;
        int gid;
        if (isRoot()) {
            uid = 8; // Debian's "mail" user: Dovecot refuses uid 0 for mail access
            gid = 8;
        } else {
            uid = Integer.parseInt(output("id", "-u"));
            gid = Integer.parseInt(output("id", "-g"));
        }
        BenchDovecot d = new BenchDovecot(dir, freePort(), uid, gid);
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("mail"));
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("dovecot.conf"), d.config());
        return d;
    }

    private String config() {
        String self = isRoot() ? """
                default_internal_user = dovecot
                default_internal_group = dovecot
                default_login_user = dovenull
                first_valid_uid = 1
                first_valid_gid = 1
                """ : """
                default_internal_user = %1$s
                default_login_user = %1$s
                """.formatted(System.getProperty("user.name"));
        return """
                # Written by the email intake benchmark; removed with its directory.
                base_dir = %1$s/run
                state_dir = %1$s/state
                instance_name = sg-bench-%2$d
                protocols = imap
                listen = 127.0.0.1
                ssl = no
                disable_plaintext_auth = no
                login_trusted_networks = 127.0.0.1
                auth_mechanisms = plain login
                log_path = %1$s/dovecot.log
                info_log_path = /dev/null
                mail_location = maildir:%1$s/mail/%%u/Maildir
                %3$s
                service imap-login {
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %2$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                  chroot =
                }
                service anvil {
                  chroot =
                }
                passdb {
                  driver = static
                  args = password=%4$s
                }
                userdb {
                  driver = static
                  args = uid=%5$d gid=%6$d home=%1$s/home/%%u
                }
                """.formatted(dir, port, self, PASSWORD, mailUid, mailGid);
    }

    int port() {
        return port;
    }

    Path dir() {
        return dir;
    }

    /** The Maildir's {@code cur/} of a user (created). Files put there are unseen mail. */
    Path maildirCur(String user) throws IOException {
        Path maildir = dir.resolve("mail").resolve(user).resolve("Maildir");
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        return maildir.resolve("cur");
    }

    void start(Path binary) throws IOException, InterruptedException {
        if (isRoot()) {
            // the mailboxes belong to the mail user
            run(List.of("chown", "-R", mailUid + ":" + mailGid, dir.resolve("mail").toString(), dir.resolve("home").toString()));
        }
        master = new ProcessBuilder(binary.toString(), "-F", "-c", dir.resolve("dovecot.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("dovecot.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IllegalStateException("Dovecot stopped at start: " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Dovecot did not listen on " + port + ": " + log());
    }

    String log() {
        try {
            StringBuilder b = new StringBuilder();
            for (String f : List.of("dovecot.out", "dovecot.log")) {
                Path p = dir.resolve(f);
                if (Files.exists(p)) {
                    b.append(Files.readString(p));
                }
            }
            return b.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** CPU seconds (user + system) of the Dovecot processes still running (imap sessions included). */
    double cpuSeconds() {
        if (master == null) {
            return 0;
        }
        // the master's own CPU and that of the processes it reaped (imap sessions that ended), then the live ones
        double ticks = ProcFs.cpuTicks(master.pid(), true);
        for (ProcessHandle p : master.toHandle().descendants().toList()) {
            ticks += ProcFs.cpuTicks(p.pid());
        }
        return ticks / ProcFs.TICKS_PER_SECOND;
    }

    @Override
    public void close() throws IOException {
        if (master != null) {
            master.toHandle().descendants().forEach(ProcessHandle::destroy);
            master.destroy();
            try {
                master.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (master.isAlive()) {
                master.destroyForcibly();
            }
        }
        deleteTree(dir);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static Path tempDir() throws IOException {
        // Dovecot's processes (other users when run as root) must reach it: world-searchable
        Path d = Files.createTempDirectory("sg-mailbench-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        return d;
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
