package ru.supportgateway.email;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Converts an HTML mail body to plain text that keeps the reading structure: paragraphs become
 * blank-line separated, {@code <br>} and block elements become line breaks, list items get "- ",
 * link targets are kept after the text when they differ from it. jsoup's {@code Element.text()} would
 * flatten all of that into one line.
 */
public final class HtmlToText {

    private static final Set<String> SKIPPED = Set.of("script", "style", "head", "title", "noscript", "template");
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table",
            "blockquote", "pre", "ul", "ol", "dl", "hr");
    private static final Set<String> LINES = Set.of("div", "tr", "li", "dt", "dd", "address", "article", "section",
            "header", "footer", "center", "caption", "form", "fieldset");

    public String toText(String html) {
        Element body = Jsoup.parse(html == null ? "" : html).body();
        Builder builder = new Builder();
        NodeTraversor.traverse(builder, body);
        return builder.result();
    }

    private static final class Builder implements NodeVisitor {
        private final StringBuilder out = new StringBuilder();
        private int skipDepth;
        private int preDepth;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof Element el) {
                String tag = el.normalName();
                if (SKIPPED.contains(tag) || skipDepth > 0) {
                    skipDepth++;
                    return;
                }
                if (tag.equals("pre")) {
                    preDepth++;
                }
                if (PARAGRAPHS.contains(tag)) {
                    blankLine();
                } else if (LINES.contains(tag)) {
                    newLine();
                }
                if (tag.equals("li")) {
                    out.append("- ");
                } else if (tag.equals("br")) {
                    out.append('\n');
                } else if (tag.equals("td") || tag.equals("th")) {
                    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                        out.append('\t');
                    }
                }
            } else if (node instanceof TextNode text && skipDepth == 0) {
                if (preDepth > 0) {
                    out.append(text.getWholeText());
                } else {
                    appendCollapsed(text.getWholeText());
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (!(node instanceof Element el)) {
                return;
            }
            String tag = el.normalName();
            if (skipDepth > 0) {
                skipDepth--;
                return;
            }
            if (tag.equals("pre")) {
                preDepth--;
            }
            if (tag.equals("a")) {
                String href = el.attr("href").strip();
                String label = el.text().strip();
                boolean useful = href.startsWith("http:") || href.startsWith("https:") || href.startsWith("mailto:");
                String shown = href.startsWith("mailto:") ? href.substring("mailto:".length()) : href;
                if (useful && !label.isEmpty() && !label.equals(shown)) {
                    out.append(" <").append(shown).append('>');
                }
            }
            if (PARAGRAPHS.contains(tag)) {
                blankLine();
            } else if (LINES.contains(tag)) {
                newLine();
            }
        }

        private void appendCollapsed(String text) {
            // HTML whitespace collapses to one space, and none at the start of a line.
            String collapsed = text.replaceAll("[ \\t\\r\\n\\f\\u00A0]+", " ");
            if (collapsed.startsWith(" ") && (out.length() == 0 || Character.isWhitespace(out.charAt(out.length() - 1)))) {
                collapsed = collapsed.substring(1);
            }
            out.append(collapsed);
        }

        private void newLine() {
            trimTrailingSpaces();
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }

        private void blankLine() {
            newLine();
            if (out.length() > 1 && out.charAt(out.length() - 2) != '\n') {
                out.append('\n');
            }
        }

        private void trimTrailingSpaces() {
            int end = out.length();
            while (end > 0 && (out.charAt(end - 1) == ' ' || out.charAt(end - 1) == '\t')) {
                end--;
            }
            out.setLength(end);
        }

        String result() {
            String text = out.toString()
                    .replaceAll("[ \\t]+\n", "\n")
                    .replaceAll("\n{3,}", "\n\n");
            return text.strip();
        }
    }
}
