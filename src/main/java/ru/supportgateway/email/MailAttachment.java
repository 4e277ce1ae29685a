package ru.supportgateway.email;

import java.util.Objects;

/**
 * A decoded attachment or inline part (image, forwarded message, file).
 *
 * <p>The byte array is copied in and out so the record stays immutable; attachments are bounded by
 * the per-desk size limit, so the copies are affordable.
 *
 * @param fileName    decoded file name; a generated one (e.g. {@code attachment-2.bin}) when the part had none
 * @param contentType lower-case MIME type without parameters, e.g. {@code application/pdf}
 * @param size        decoded size in bytes
 * @param sha256      lower-case hex SHA-256 of the decoded bytes
 * @param inline      true for parts shown inside the body (e.g. images referenced by {@code cid:})
 * @param contentId   Content-ID without angle brackets, or {@code null}
 */
public record MailAttachment(
        String fileName,
        String contentType,
        long size,
        String sha256,
        byte[] bytes,
        boolean inline,
        String contentId) {

    public MailAttachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(bytes, "bytes");
        if (size != bytes.length) {
            throw new IllegalArgumentException("size " + size + " does not match " + bytes.length + " bytes");
        }
        bytes = bytes.clone();
    }

    /** A copy of the decoded content. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MailAttachment other
                && size == other.size
                && inline == other.inline
                && fileName.equals(other.fileName)
                && contentType.equals(other.contentType)
                && sha256.equals(other.sha256)
                && Objects.equals(contentId, other.contentId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, contentType, size, sha256, inline, contentId);
    }

    @Override
    public String toString() {
        return "MailAttachment[fileName=" + fileName + ", contentType=" + contentType + ", size=" + size
                + ", sha256=" + sha256 + ", inline=" + inline + ", contentId=" + contentId + "]";
    }
}
