package ru.supportgateway.email;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Cleans HTML mail bodies for display in the operator UI.
 *
 * <p>Policy, built on jsoup's {@link Safelist#relaxed()} (an allow-list, so anything not named is
 * removed):
 * <ul>
 *   <li>no script, style, iframe, object, form or other active elements; no {@code on*} handlers,
 *       no {@code style} attributes (CSS can load URLs);</li>
 *   <li>links only to {@code http}, {@code https} and {@code mailto}; they get
 *       {@code rel="noopener noreferrer nofollow"}; {@code javascript:} and other schemes lose the href;</li>
 *   <li>images only from {@code cid:} (inline attachments, which the UI maps to stored files) and
 *       {@code data:image/...}; remote images are not loaded, so opening a mail cannot reveal to a
 *       sender that it was read (tracking pixels) — the {@code alt} text stays.</li>
 * </ul>
 */
public final class HtmlSanitiser {

    private static final Pattern SAFE_DATA_IMAGE = Pattern.compile("^data:image/(png|jpe?g|gif|webp);base64,",
            Pattern.CASE_INSENSITIVE);

    private final Safelist safelist;

    public HtmlSanitiser() {
        this.safelist = Safelist.relaxed()
                .addTags("font", "center", "hr", "s", "del", "ins", "tt")
                .addAttributes("font", "color", "face", "size")
                .addAttributes(":all", "align", "dir")
                .addAttributes("td", "bgcolor", "valign")
                .addAttributes("table", "border", "cellpadding", "cellspacing", "bgcolor")
                .removeProtocols("img", "src", "http", "https")
                .addProtocols("img", "src", "cid", "data")
                .removeProtocols("a", "href", "ftp")
                .removeProtocols("blockquote", "cite", "http", "https")
                .removeProtocols("q", "cite", "http", "https")
                .removeAttributes("blockquote", "cite")
                .removeAttributes("q", "cite")
                .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");
    }

    /** Returns the cleaned body HTML (no html/head/body wrapper). */
    public String sanitise(String html) {
        Document dirty = Jsoup.parse(html == null ? "" : html);
        Document clean = new Cleaner(safelist).clean(dirty);
        for (Element img : clean.select("img[src]")) {
            String src = img.attr("src").strip();
            // data: is allowed only for raster images: an SVG could carry script.
            if (src.toLowerCase(Locale.ROOT).startsWith("data:") && !SAFE_DATA_IMAGE.matcher(src).find()) {
                img.removeAttr("src");
            }
        }
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }
}
