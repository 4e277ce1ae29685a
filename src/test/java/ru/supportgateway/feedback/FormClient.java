package ru.supportgateway.feedback;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-less client of the public form: keeps the session cookie, reads the CSRF token, posts multipart. */
final class FormClient {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String csrf;

    FormClient(int port) {
        this.base = "http://localhost:" + port;
    }

    HttpResponse<String> open() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/feedback")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        csrf = m.find() ? m.group(1) : null;
        return page;
    }

    /** Posts the form with the page's CSRF token (unless {@code withCsrf} is false) and an optional file. */
    HttpResponse<String> submit(Map<String, String> fields, String fileName, byte[] file, boolean withCsrf) throws Exception {
        String boundary = "----sg" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            part(body, boundary, "Content-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n");
            body.write(f.getValue().getBytes(StandardCharsets.UTF_8));
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        if (withCsrf && csrf != null) {
            part(body, boundary, "Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n");
        }
        part(body, boundary, "Content-Disposition: form-data; name=\"attachment\"; filename=\""
                + (fileName == null ? "" : fileName) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        if (file != null) {
            body.write(file);
        }
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base + "/feedback"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void part(ByteArrayOutputStream body, String boundary, String headers) {
        body.writeBytes(("--" + boundary + "\r\n" + headers).getBytes(StandardCharsets.UTF_8));
    }
}
