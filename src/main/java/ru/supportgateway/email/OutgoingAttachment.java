package ru.supportgateway.email;

import java.util.Objects;

/**
 * A file sent with an outgoing mail (e.g. the monthly journal as PDF and XLSX). The bytes are copied in
 * and out so the record stays immutable.
 *
 * @param contentType MIME type, e.g. {@code application/pdf}
 */
public record OutgoingAttachment(String fileName, String contentType, byte[] content) {

    public OutgoingAttachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        content = Objects.requireNonNull(content, "content").clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutgoingAttachment other && fileName.equals(other.fileName)
                && contentType.equals(other.contentType) && java.util.Arrays.equals(content, other.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, contentType, java.util.Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "OutgoingAttachment[fileName=" + fileName + ", contentType=" + contentType + ", size=" + content.length + "]";
    }
}
