package ru.supportgateway.journal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The applicant's link to the status page of their request: {@code <gateway.public-url>/status/<token>},
 * where the token is 256 random bits (base64url, 43 characters), one per request, made on first use and
 * then stable, so every mail about a request carries the same link.
 *
 * <p>For the acknowledgement mail: {@code statusLinks.linkFor(number)} inside or outside the registration's
 * transaction; put the returned URI into the template as is.
 *
 * <p>Lookup: the token's first {@value #SELECTOR_LENGTH} characters find the row through an index, then the
 * whole token is compared with {@link MessageDigest#isEqual}, which takes the same time wherever the
 * strings differ.
 */
@Service
public class StatusLinks {

    static final int SELECTOR_LENGTH = 16;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final JdbcClient jdbc;
    private final URI publicUrl;
    private final SecureRandom random = new SecureRandom();

    public StatusLinks(JdbcClient jdbc, @Value("${gateway.public-url:http://localhost:8080}") String publicUrl) {
        this.jdbc = jdbc;
        this.publicUrl = URI.create(publicUrl.endsWith("/") ? publicUrl : publicUrl + "/");
    }

    /**
     * The status page link of a request, creating its token the first time.
     *
     * @throws RequestNotFoundException if there is no such request
     */
    @Transactional
    /**
     * A link under the gateway's public address ({@code gateway.public-url}), the one setting for every
     * link a parent or an outside holder gets by mail.
     */
    public String linkTo(String path) {
        return publicUrl.resolve(path.startsWith("/") ? path.substring(1) : path).toString();
    }

    public URI linkFor(String number) {
        return linkForToken(tokenFor(number));
    }

    /** The status page link for a token the caller has (a request registers with its token). */
    public URI linkForToken(String token) {
        return publicUrl.resolve("status/" + token);
    }

    /** The token alone (the path part after {@code /status/}). */
    @Transactional
    public String tokenFor(String number) {
        // Read first: writing the row again would cost a new version of it and of every index entry.
        Optional<String> existing = jdbc.sql("SELECT status_token FROM request WHERE number = ?").param(number)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(t -> t);
        if (existing.isPresent()) {
            return existing.get();
        }
        // coalesce: a concurrent first call keeps the token the other one set, so there is only ever one.
        return jdbc.sql("UPDATE request SET status_token = coalesce(status_token, ?) WHERE number = ? RETURNING status_token")
                .params(newToken(), number).query(String.class).optional()
                .orElseThrow(() -> new RequestNotFoundException(number));
    }

    /** The request whose token this is; empty for anything else, malformed tokens included. */
    public Optional<JournalRequest> find(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        byte[] given = token.getBytes(StandardCharsets.US_ASCII);
        return jdbc.sql("SELECT " + JournalQueries.COLUMNS + ", status_token FROM request "
                        + "WHERE status_token IS NOT NULL AND left(status_token, " + SELECTOR_LENGTH + ") = ?")
                .param(token.substring(0, SELECTOR_LENGTH))
                .query((rs, n) -> MessageDigest.isEqual(rs.getString("status_token").getBytes(StandardCharsets.US_ASCII), given)
                        ? JournalQueries.request(rs, n) : null)
                .list().stream().filter(r -> r != null).findFirst();
    }

    /** A new token: 256 random bits, base64url. */
    public String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
