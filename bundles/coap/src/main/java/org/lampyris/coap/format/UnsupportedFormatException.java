package org.lampyris.coap.format;

/**
 * A request payload has a content format that a point cannot be written in: the caller answers 4.15 Unsupported
 * Content-Format.
 */
public class UnsupportedFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int contentFormat;

    public UnsupportedFormatException(int contentFormat) {
        super("unsupported content format " + (contentFormat < 0 ? "(none given)" : Integer.toString(contentFormat))
                + "; use one of " + MediaTypes.describe(MediaTypes.POINT_FORMATS));
        this.contentFormat = contentFormat;
    }

    /** @return the refused content format, negative when the request carried none */
    public int contentFormat() {
        return contentFormat;
    }
}
