package ru.supportgateway.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses raw RFC 822 bytes into a {@link ParsedMail}. Jakarta Mail (Eclipse Angus) does the MIME
 * work: header reading, multipart splitting, base64 / quoted-printable, RFC 2231 parameters. This
 * class adds what real Russian mail needs on top: charset guessing for misspelt or missing labels,
 * raw 8-bit headers, lenient fallbacks, HTML sanitising and HTML-to-text.
 *
 * <p>Thread-safe: holds only immutable collaborators and a Session (read-only after construction).
 */
public final class MailParser {

    /** Deeper nesting than this is treated as an attack or a loop, not as mail. */
    private static final int MAX_DEPTH = 30;

    private static final Set<String> CORE_HEADERS = Set.of("From", "Sender", "Date", "Message-ID", "To", "Subject",
            "Received", "Return-Path", "MIME-Version", "Content-Type");
    private static final Pattern HEADER_LINE = Pattern.compile("^[\\x21-\\x39\\x3B-\\x7E]+[ \\t]*:");
    private static final Pattern ANGLE_ID = Pattern.compile("<\\s*([^<>\\s]+)\\s*>");
    private static final Pattern BARE_ADDRESS = Pattern.compile("[^\\s<>\"(),;:\\[\\]]+@[^\\s<>\"(),;:\\[\\]]+");
    private static final Pattern CHARSET_PARAM = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([^\"';\\s>]+)");
    private static final Pattern NAME_PARAM = Pattern.compile("(?i)(?:file)?name\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");
    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final Pattern RFC2231_CHARSET = Pattern.compile("(?i)name\\*(?:0\\*)?\\s*=\\s*\"?([A-Za-z0-9_.:-]+)'");
    private static final Pattern RFC2231_VALUE = Pattern.compile("^([A-Za-z0-9_.:-]+)'[A-Za-z0-9-]*'(.*)$");
    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/png", ".png", "image/jpeg", ".jpg", "image/gif", ".gif", "application/pdf", ".pdf",
            "text/plain", ".txt", "text/html", ".html", "text/calendar", ".ics",
            "message/rfc822", ".eml", "message/delivery-status", ".txt", "text/rfc822-headers", ".txt");

    private final MailCharsets charsets;
    private final HeaderDecoder headerDecoder;
    private final HtmlSanitiser sanitiser;
    private final HtmlToText htmlToText;
    private final Session session;

    public MailParser(MailCharsets charsets, HtmlSanitiser sanitiser, HtmlToText htmlToText) {
        this.charsets = Objects.requireNonNull(charsets, "charsets");
        this.sanitiser = Objects.requireNonNull(sanitiser, "sanitiser");
        this.htmlToText = Objects.requireNonNull(htmlToText, "htmlToText");
        this.headerDecoder = new HeaderDecoder(charsets);
        this.session = Session.getInstance(sessionProperties());
    }

    /** A parser with the defaults for Russian desks. */
    public static MailParser withDefaults() {
        return new MailParser(MailCharsets.russian(), new HtmlSanitiser(), new HtmlToText());
    }

    /**
     * Lenient parsing settings. Note: Jakarta Mail reads most {@code mail.mime.*} switches from JVM
     * system properties, not from the Session, so they are set here to document intent while the
     * parser itself decodes file names and encoded words explicitly instead of relying on them.
     */
    static Properties sessionProperties() {
        Properties p = new Properties();
        p.setProperty("mail.mime.decodeparameters", "true");
        p.setProperty("mail.mime.decodefilename", "true");
        p.setProperty("mail.mime.decodetext.strict", "false");
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        p.setProperty("mail.mime.ignoreunknownencoding", "true");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.multipart.allowempty", "true");
        return p;
    }

    /**
     * Parses one message.
     *
     * @throws MalformedMailException when the bytes are not an email at all (empty, binary, no header
     *                                fields) or their MIME structure cannot be read; the caller keeps
     *                                the raw bytes in quarantine
     */
    public ParsedMail parse(byte[] raw) throws MalformedMailException {
        Objects.requireNonNull(raw, "raw");
        if (raw.length == 0) {
            throw new MalformedMailException("empty message: 0 bytes");
        }
        int start = skipMboxSeparator(raw);
        checkHeaderSection(raw, start);
        MimeMessage msg;
        try {
            msg = new MimeMessage(session, new ByteArrayInputStream(raw, start, raw.length - start));
        } catch (MessagingException e) {
            throw new MalformedMailException("cannot read the header section: " + e.getMessage(), e);
        }
        requireMailHeaders(msg);

        Collector body = new Collector();
        try {
            walk(msg, body, 0);
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new MalformedMailException("cannot read the MIME structure: " + describe(e), e);
        }

        List<String> references = ids(header(msg, "References"));
        List<String> inReplyTo = ids(header(msg, "In-Reply-To"));
        List<MailAddress> from = addresses(msg, "From");
        if (from.isEmpty()) {
            from = addresses(msg, "Sender");
        }
        String html = body.html.isEmpty() ? null : String.join("\n", body.html);
        String text = body.plain.isEmpty()
                ? (html == null ? "" : htmlToText.toText(html))
                : String.join("\n", body.plain);
        // Leading blank lines and trailing white space carry nothing, and the final line break does
        // not reliably survive transport (SMTP DATA termination, multipart boundaries): drop them so
        // the same mail gives the same text whatever way it came.
        text = text.replaceFirst("^(?:[ \\t]*\n)+", "").stripTrailing();

        return new ParsedMail(
                first(ids(header(msg, "Message-ID"))),
                first(inReplyTo),
                references,
                from.isEmpty() ? null : from.get(0),
                addresses(msg, "Reply-To"),
                addresses(msg, "To"),
                addresses(msg, "Cc"),
                headerDecoder.decode(header(msg, "Subject")),
                sentDate(msg),
                text,
                html == null ? null : sanitiser.sanitise(html),
                body.attachments,
                automationHeaders(msg, body),
                sha256(raw),
                raw.length);
    }

    // ---------------------------------------------------------------- sanity checks

    /** Mail saved from an mbox file starts with a "From sender date" line that is not a header. */
    private static int skipMboxSeparator(byte[] raw) {
        if (raw.length > 5 && raw[0] == 'F' && raw[1] == 'r' && raw[2] == 'o' && raw[3] == 'm' && raw[4] == ' ') {
            for (int i = 5; i < raw.length; i++) {
                if (raw[i] == '\n') {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    private static void checkHeaderSection(byte[] raw, int start) throws MalformedMailException {
        int end = start;
        while (end < raw.length && raw[end] != '\n' && end - start < 1000) {
            end++;
        }
        String firstLine = new String(raw, start, end - start, StandardCharsets.ISO_8859_1);
        if (!HEADER_LINE.matcher(firstLine).find()) {
            throw new MalformedMailException("not an email: the first line is not a header field (starts with \""
                    + printable(firstLine) + "\")");
        }
        for (int i = start; i < raw.length; i++) {
            if (raw[i] == 0) {
                throw new MalformedMailException("not an email: NUL byte in the header section at offset " + i);
            }
            // A blank line ends the header section.
            if (raw[i] == '\n' && (i + 1 < raw.length && raw[i + 1] == '\n'
                    || i + 2 < raw.length && raw[i + 1] == '\r' && raw[i + 2] == '\n')) {
                break;
            }
        }
    }

    private static void requireMailHeaders(MimeMessage msg) throws MalformedMailException {
        for (String name : CORE_HEADERS) {
            if (header(msg, name) != null) {
                return;
            }
        }
        throw new MalformedMailException("not an email: none of the header fields " + CORE_HEADERS + " is present");
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            sb.append(": ").append(c.getMessage());
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- body structure

    /** Accumulates body texts and attachments while walking the MIME tree. */
    private static final class Collector {
        final List<String> plain = new ArrayList<>();
        final List<String> html = new ArrayList<>();
        final List<MailAttachment> attachments = new ArrayList<>();
        boolean deliveryStatus;
        int counter;

        void mergeAttachmentsFrom(Collector other) {
            attachments.addAll(other.attachments);
            deliveryStatus |= other.deliveryStatus;
            counter = Math.max(counter, other.counter);
        }
    }

    private void walk(Part part, Collector c, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            throw new MessagingException("MIME parts nested deeper than " + MAX_DEPTH + " levels");
        }
        String type = mimeType(part);
        if (type.startsWith("multipart/")) {
            Multipart mp = multipart(part, type);
            if (type.equals("multipart/alternative")) {
                walkAlternative(mp, c, depth);
            } else {
                for (int i = 0; i < mp.getCount(); i++) {
                    walk(mp.getBodyPart(i), c, depth + 1);
                }
            }
            return;
        }
        if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")) {
            c.deliveryStatus = true;
        }
        boolean attachment = isAttachment(part, type);
        if (!attachment && type.equals("text/plain")) {
            c.plain.add(readText(part, false));
        } else if (!attachment && type.equals("text/html")) {
            c.html.add(readText(part, true));
        } else {
            c.attachments.add(attachment(part, type, ++c.counter));
        }
    }

    private static Multipart multipart(Part part, String type) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (!(content instanceof Multipart mp)) {
                throw new MessagingException("did not yield a multipart body");
            }
            mp.getCount(); // forces parsing, so a missing boundary is reported here with its type
            return mp;
        } catch (MessagingException | IOException e) {
            throw new MessagingException(type + " body is not readable (" + describe(e)
                    + "); the message may be truncated", e);
        }
    }

    /**
     * Alternatives describe the same content: take the first plain text and the last (richest) HTML;
     * inline images of a multipart/related alternative are kept as attachments.
     */
    private void walkAlternative(Multipart mp, Collector c, int depth) throws MessagingException, IOException {
        String plain = null;
        String html = null;
        for (int i = 0; i < mp.getCount(); i++) {
            Collector alt = new Collector();
            alt.counter = c.counter;
            walk(mp.getBodyPart(i), alt, depth + 1);
            if (plain == null && !alt.plain.isEmpty()) {
                plain = String.join("\n", alt.plain);
            }
            if (!alt.html.isEmpty()) {
                html = String.join("\n", alt.html);
            }
            c.mergeAttachmentsFrom(alt);
        }
        if (plain != null) {
            c.plain.add(plain);
        }
        if (html != null) {
            c.html.add(html);
        }
    }

    private static boolean isAttachment(Part part, String type) throws MessagingException {
        String disposition = disposition(part);
        if ("attachment".equals(disposition)) {
            return true;
        }
        if (!type.equals("text/plain") && !type.equals("text/html")) {
            return true;
        }
        // A named text part (e.g. an attached .txt shown inline by Apple Mail) is a file, not the body.
        return rawParam(part, "filename") != null || rawParam(part, "name") != null;
    }

    private static String disposition(Part part) {
        try {
            String d = part.getDisposition();
            return d == null ? null : d.toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String mimeType(Part part) throws MessagingException {
        String raw = part.getContentType();
        if (raw == null) {
            return "text/plain";
        }
        try {
            return new ContentType(raw).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            Matcher m = Pattern.compile("^\\s*([\\w.+-]+/[\\w.+-]+)").matcher(raw);
            return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "application/octet-stream";
        }
    }

    private static String contentTypeParam(Part part, String name) throws MessagingException {
        String raw = part.getContentType();
        if (raw == null) {
            return null;
        }
        try {
            return new ContentType(raw).getParameter(name);
        } catch (ParseException e) {
            if (name.equals("charset")) {
                Matcher m = CHARSET_PARAM.matcher(raw);
                return m.find() ? m.group(1) : null;
            }
            return null;
        }
    }

    // ---------------------------------------------------------------- content

    private String readText(Part part, boolean html) throws MessagingException, IOException {
        byte[] bytes = decodedBytes(part);
        String label = contentTypeParam(part, "charset");
        if (html && charsets.lookup(label).isEmpty()) {
            label = metaCharset(bytes);
        }
        return charsets.decode(bytes, label).replace("\r\n", "\n");
    }

    /** The charset an HTML body declares in its own meta tag, for parts whose MIME header has none. */
    private static String metaCharset(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher meta = Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?([\\w.:-]+)").matcher(head);
        return meta.find() ? meta.group(1) : null;
    }

    /**
     * Content with its transfer encoding removed. Jakarta Mail's base64 decoder fails on corrupt
     * data unless a JVM-wide switch is set; instead we fall back to a lenient decode of this part only.
     */
    private static byte[] decodedBytes(Part part) throws MessagingException, IOException {
        String transfer = part instanceof MimeBodyPart bp ? bp.getEncoding()
                : part instanceof MimeMessage m ? m.getEncoding() : null;
        if (transfer != null && transfer.equalsIgnoreCase("base64")) {
            // the JDK's decoder on the whole part: several times faster than Jakarta Mail's byte-at-a-time stream
            try {
                return Base64.getMimeDecoder().decode(rawBytes(part));
            } catch (IllegalArgumentException broken) {
                // padding in the middle, a cut-off group: Jakarta Mail's lenient reading below decides
            }
        }
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            String encoding = part instanceof MimeBodyPart bp ? bp.getEncoding()
                    : part instanceof MimeMessage m ? m.getEncoding() : null;
            if (encoding == null || !encoding.equalsIgnoreCase("base64")) {
                throw e;
            }
            return lenientBase64(rawBytes(part));
        }
    }

    private static byte[] rawBytes(Part part) throws MessagingException, IOException {
        InputStream raw = part instanceof MimeBodyPart bp ? bp.getRawInputStream()
                : part instanceof MimeMessage m ? m.getRawInputStream() : part.getInputStream();
        try (raw) {
            return raw.readAllBytes();
        }
    }

    /** Keeps the base64 alphabet only and decodes as much as forms whole groups. */
    static byte[] lenientBase64(byte[] encoded) {
        StringBuilder sb = new StringBuilder(encoded.length);
        for (byte b : encoded) {
            char ch = (char) (b & 0xFF);
            if (ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '+' || ch == '/') {
                sb.append(ch);
            }
        }
        if (sb.length() % 4 == 1) {
            sb.setLength(sb.length() - 1);
        }
        return java.util.Base64.getDecoder().decode(sb.toString());
    }

    private MailAttachment attachment(Part part, String type, int index) throws MessagingException, IOException {
        byte[] bytes = decodedBytes(part);
        String name = fileName(part);
        if (name == null) {
            name = defaultName(bytes, type, index);
        }
        String contentId = first(ids(header(part, "Content-ID")));
        String disposition = disposition(part);
        boolean inline = "inline".equals(disposition) || contentId != null && !"attachment".equals(disposition);
        return new MailAttachment(name, type, bytes.length, sha256(bytes), bytes, inline, contentId);
    }

    /** Decoded file name: RFC 2231 via Jakarta Mail's ParameterList, RFC 2047 and raw 8-bit here. */
    private String fileName(Part part) throws MessagingException {
        String name;
        try {
            name = part.getFileName();
        } catch (ParseException e) {
            name = null;
        }
        if (name == null) {
            name = rawParam(part, "filename");
        }
        if (name == null) {
            name = rawParam(part, "name");
        }
        if (name == null) {
            return null;
        }
        if (has8bit(header(part, "Content-Disposition")) || has8bit(header(part, "Content-Type"))) {
            name = headerDecoder.recover8bit(name);
        }
        name = decodeUnresolvedRfc2231(name, part);
        name = headerDecoder.decodeEncodedWords(name);
        // Never let a sender choose a path: keep the last path segment, drop control characters.
        name = name.replaceAll(".*[/\\\\]", "").replaceAll("[\\p{Cntrl}]", "").strip();
        return name.isEmpty() ? null : name;
    }

    /**
     * Jakarta Mail leaves an RFC 2231 value percent-encoded when it cannot resolve its charset label
     * (e.g. {@code filename*=win-1251''%CE%F2...}); decode those with our lenient charset lookup, taking
     * the label from the raw header.
     */
    private String decodeUnresolvedRfc2231(String value, Part part) {
        String label = null;
        String encoded = value;
        Matcher prefixed = RFC2231_VALUE.matcher(value);
        if (prefixed.matches()) {
            label = prefixed.group(1);
            encoded = prefixed.group(2);
        }
        if (!PERCENT_ESCAPE.matcher(encoded).find()) {
            return value;
        }
        if (label == null) {
            for (String headerName : List.of("Content-Disposition", "Content-Type")) {
                String raw = header(part, headerName);
                Matcher m = raw == null ? null : RFC2231_CHARSET.matcher(MimeUtility.unfold(raw));
                if (m != null && m.find()) {
                    label = m.group(1);
                    break;
                }
            }
        }
        if (label == null) {
            return value; // a plain name that happens to contain %XX
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char ch = encoded.charAt(i);
            if (ch == '%' && i + 2 < encoded.length()
                    && HexFormat.isHexDigit(encoded.charAt(i + 1)) && HexFormat.isHexDigit(encoded.charAt(i + 2))) {
                out.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
                i += 2;
            } else {
                out.write(ch);
            }
        }
        return charsets.decode(out.toByteArray(), label);
    }

    /** A parameter taken from the raw headers with a regex, for headers Jakarta Mail refuses to parse. */
    private static String rawParam(Part part, String name) throws MessagingException {
        for (String headerName : List.of("Content-Disposition", "Content-Type")) {
            String raw = header(part, headerName);
            if (raw == null) {
                continue;
            }
            Matcher m = NAME_PARAM.matcher(MimeUtility.unfold(raw));
            while (m.find()) {
                if (m.group().toLowerCase(Locale.ROOT).startsWith(name)) {
                    String value = m.group(2) != null ? m.group(2) : m.group(1);
                    return value.isBlank() ? null : value.strip();
                }
            }
        }
        return null;
    }

    private String defaultName(byte[] bytes, String type, int index) {
        if (type.equals("message/rfc822")) {
            // Name a forwarded message after its subject, as mail clients do.
            try {
                MimeMessage inner = new MimeMessage(session, new ByteArrayInputStream(bytes));
                String subject = headerDecoder.decode(inner.getHeader("Subject", null));
                if (subject != null && !subject.isBlank()) {
                    return subject.replaceAll("[/\\\\\\p{Cntrl}]", "_").strip() + ".eml";
                }
            } catch (MessagingException | RuntimeException ignored) {
                // fall through to a generated name
            }
        }
        return "attachment-" + index + EXTENSIONS.getOrDefault(type, ".bin");
    }

    // ---------------------------------------------------------------- headers

    private static String header(Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            return values == null || values.length == 0 ? null : values[0];
        } catch (MessagingException e) {
            return null;
        }
    }

    private static boolean has8bit(String s) {
        return s != null && s.chars().anyMatch(ch -> ch >= 0x80);
    }

    /** Message ids in order of appearance, without angle brackets and duplicates. */
    static List<String> ids(String raw) {
        if (raw == null) {
            return List.of();
        }
        String unfolded = MimeUtility.unfold(raw).strip();
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = ANGLE_ID.matcher(unfolded);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty() && !unfolded.isEmpty() && !unfolded.contains(" ") && unfolded.contains("@")) {
            ids.add(unfolded); // some clients omit the brackets
        }
        return List.copyOf(ids);
    }

    private static String first(List<String> list) {
        return list.isEmpty() ? null : list.get(0);
    }

    private List<MailAddress> addresses(MimeMessage msg, String name) {
        String[] values;
        try {
            values = msg.getHeader(name);
        } catch (MessagingException e) {
            return List.of();
        }
        if (values == null) {
            return List.of();
        }
        List<MailAddress> result = new ArrayList<>();
        for (String value : values) {
            String unicode = headerDecoder.recover8bit(MimeUtility.unfold(value));
            try {
                for (InternetAddress a : InternetAddress.parseHeader(unicode, false)) {
                    addMailbox(a, result);
                }
            } catch (AddressException e) {
                // Unparseable list: keep whatever looks like an address, without display names.
                Matcher m = BARE_ADDRESS.matcher(unicode);
                while (m.find()) {
                    result.add(new MailAddress(m.group(), null));
                }
            }
        }
        return List.copyOf(result);
    }

    private void addMailbox(InternetAddress a, List<MailAddress> result) throws AddressException {
        if (a.isGroup()) {
            InternetAddress[] members = a.getGroup(false);
            if (members != null) {
                for (InternetAddress member : members) {
                    addMailbox(member, result);
                }
            }
            return;
        }
        if (a.getAddress() == null || a.getAddress().isBlank()) {
            return;
        }
        result.add(new MailAddress(a.getAddress(), displayName(a)));
    }

    /**
     * The display name decoded by our {@link HeaderDecoder} rather than Jakarta Mail's, which fails on
     * unknown charset labels and on characters split across encoded words. The still-encoded phrase is
     * what {@link InternetAddress#toString()} prints before the address.
     */
    private String displayName(InternetAddress a) {
        String s = a.toString();
        String suffix = " <" + a.getAddress() + ">";
        if (!s.endsWith(suffix)) {
            return a.getPersonal();
        }
        String phrase = s.substring(0, s.length() - suffix.length()).strip();
        if (phrase.length() >= 2 && phrase.startsWith("\"") && phrase.endsWith("\"")) {
            phrase = phrase.substring(1, phrase.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return headerDecoder.decodeEncodedWords(phrase);
    }

    private static Instant sentDate(MimeMessage msg) {
        try {
            java.util.Date date = msg.getSentDate(); // Jakarta Mail API edge: convert right away
            return date == null ? null : date.toInstant();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private AutomationHeaders automationHeaders(MimeMessage msg, Collector body) throws MalformedMailException {
        String mimeType;
        String reportType;
        try {
            mimeType = mimeType(msg);
            reportType = contentTypeParam(msg, "report-type");
        } catch (MessagingException e) {
            throw new MalformedMailException("cannot read Content-Type: " + e.getMessage(), e);
        }
        return new AutomationHeaders(
                headerDecoder.decode(header(msg, "Auto-Submitted")),
                headerDecoder.decode(header(msg, "Precedence")),
                headerDecoder.decode(header(msg, "X-Auto-Response-Suppress")),
                headerDecoder.decode(header(msg, "List-Id")),
                headerDecoder.decode(header(msg, "List-Unsubscribe")),
                headerDecoder.decode(header(msg, "X-Autoreply")),
                headerDecoder.decode(header(msg, "X-Autorespond")),
                headerDecoder.decode(header(msg, GatewayHeaders.MARKER)),
                headerDecoder.decode(header(msg, "Return-Path")),
                headerDecoder.decode(header(msg, "X-Failed-Recipients")),
                mimeType,
                reportType == null ? null : reportType.toLowerCase(Locale.ROOT),
                body.deliveryStatus);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
