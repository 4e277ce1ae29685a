package ru.supportgateway.feedback;

/** A file the applicant attached, as received. */
public record Upload(String fileName, String contentType, byte[] content) {

    public Upload {
        fileName = fileName == null ? "" : fileName;
        contentType = contentType == null ? "application/octet-stream" : contentType;
        content = content == null ? new byte[0] : content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public long size() {
        return content.length;
    }
}
