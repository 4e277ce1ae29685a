package ru.supportgateway.email.bench;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * The limit the gateway is measured against (its own JVM, so its CPU and RSS are its own): plain Jakarta Mail
 * and JDBC doing the same fetch-and-insert with nothing in between. Per chunk of 100 unseen mails: one bulk
 * FETCH (FLAGS, UID, ENVELOPE and the whole message, BODY.PEEK[]), parse each (headers, text parts decoded to
 * strings, attachments read), one JDBC batch insert of raw bytes + dedup key + sender + subject + text, commit,
 * then one STORE of \Seen for the chunk. Prints one {@code RESULT} line for {@link EmailIntakeBenchmark}.
 * With {@code warmupMails} > 0, the mailbox of user {@code warmup-<user>} is taken in first, unmeasured (as the
 * gateway side does).
 * <p>Arguments: host port user password jdbcUrl expectedMails warmupMails
 */
public final class PlainLoop {

    private PlainLoop() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String user = args[2];
        String password = args[3];
        String jdbcUrl = args[4];
        int expected = Integer.parseInt(args[5]);
        int warmup = Integer.parseInt(args[6]);

        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            try (Statement st = db.createStatement()) {
                st.execute("""
                        CREATE TABLE plain_inbound (id bigserial PRIMARY KEY, dedup_key text NOT NULL UNIQUE,
                            raw bytea NOT NULL, from_address text, subject text, text_body text, received_at timestamptz NOT NULL)""");
            }
            db.setAutoCommit(false);
            Properties p = new Properties();
            p.put("mail.imap.partialfetch", "false");
            Session session = Session.getInstance(p);
            if (warmup > 0) {
                long w0 = System.nanoTime();
                int n = takeIn(session, db, host, port, "warmup-" + user, password);
                try (Statement st = db.createStatement()) {
                    st.execute("TRUNCATE plain_inbound");
                }
                db.commit();
                System.out.printf(Locale.ROOT, "  warm-up: %d mails in %.1f s%n", n, (System.nanoTime() - w0) / 1e9);
            }
            double cpu0 = ProcFs.cpuSecondsOfSelf();
            double pg0 = ProcFs.postgresCpuSeconds();
            long t0 = System.nanoTime();
            int stored = takeIn(session, db, host, port, user, password);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = ProcFs.cpuSecondsOfSelf() - cpu0;
            double pg = ProcFs.postgresCpuSeconds() - pg0;
            int rows;
            try (Statement st = db.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM plain_inbound")) {
                rs.next();
                rows = rs.getInt(1);
            }
            db.commit();
            if (rows != expected) {
                System.out.println("WARNING: plain loop stored " + rows + " rows, expected " + expected);
            }
            System.out.println(EmailIntakeBenchmark.resultLine("plain", rows, seconds, cpu, pg,
                    ProcFs.statusKb("VmHWM"), "fetched " + stored));
        }
    }

    /** Fetches and stores the unseen mail of a mailbox; returns how many. */
    private static int takeIn(Session session, Connection db, String host, int port, String user, String password)
            throws Exception {
        int chunk = 100;
        int stored = 0;
        Store store = session.getStore("imap");
        store.connect(host, port, user, password);
        IMAPFolder folder = (IMAPFolder) store.getFolder("INBOX");
        folder.open(Folder.READ_WRITE);
        Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        FetchProfile fp = new FetchProfile();
        fp.add(FetchProfile.Item.FLAGS);
        fp.add(FetchProfile.Item.ENVELOPE);
        fp.add(UIDFolder.FetchProfileItem.UID);
        fp.add(IMAPFolder.FetchProfileItem.MESSAGE);
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO plain_inbound (dedup_key, raw, from_address, subject, text_body, received_at)
                VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT (dedup_key) DO NOTHING""")) {
            for (int from = 0; from < unseen.length; from += chunk) {
                Message[] batch = Arrays.copyOfRange(unseen, from, Math.min(unseen.length, from + chunk));
                folder.fetch(batch, fp);
                for (Message m : batch) {
                    ByteArrayOutputStream raw = new ByteArrayOutputStream(8192);
                    m.writeTo(raw);
                    byte[] bytes = raw.toByteArray();
                    MimeMessage parsed = new MimeMessage(session, new java.io.ByteArrayInputStream(bytes));
                    String id = parsed.getMessageID();
                    String key = id != null ? "mid:" + id : "sha256:" + HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(bytes));
                    InternetAddress[] senders = (InternetAddress[]) parsed.getFrom();
                    StringBuilder text = new StringBuilder();
                    collectText(parsed, text);
                    insert.setString(1, key);
                    insert.setBytes(2, bytes);
                    insert.setString(3, senders == null || senders.length == 0 ? null : senders[0].toUnicodeString());
                    insert.setString(4, parsed.getSubject());
                    insert.setString(5, text.toString());
                    insert.addBatch();
                }
                insert.executeBatch();
                db.commit();
                // \Seen only once the rows are committed: one STORE for the chunk
                folder.setFlags(batch, new Flags(Flags.Flag.SEEN), true);
                stored += batch.length;
            }
        }
        folder.close(false);
        store.close();
        return stored;
    }

    /** Decodes every text part to a String and reads attachments through, as a parser would. */
    private static void collectText(Part part, StringBuilder text) throws Exception {
        if (part.isMimeType("text/*")) {
            text.append(part.getContent()).append('\n');
        } else if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart bp = mp.getBodyPart(i);
                collectText(bp, text);
            }
        } else {
            try (var in = part.getInputStream()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
    }

}
