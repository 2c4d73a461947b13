package org.lampyris.coap.format;

import java.util.List;
import java.util.stream.Collectors;

/** The CoAP content formats (RFC 7252 section 12.3 registry) that the endpoint speaks. */
public final class MediaTypes {
    /** {@code text/plain; charset=utf-8} */
    public static final int TEXT_PLAIN = 0;
    /** {@code application/link-format} (RFC 6690) */
    public static final int LINK_FORMAT = 40;
    /** {@code application/json} */
    public static final int JSON = 50;
    /** {@code application/senml+json} (RFC 8428) */
    public static final int SENML_JSON = 110;
    /** {@code application/senml+cbor} (RFC 8428) */
    public static final int SENML_CBOR = 112;

    /** The formats a point can be read and written in, the default ({@code text/plain}) first. */
    public static final List<Integer> POINT_FORMATS = List.of(TEXT_PLAIN, JSON, SENML_JSON, SENML_CBOR);

    /** The formats a collection of points can be read in: one SenML pack. */
    public static final List<Integer> PACK_FORMATS = List.of(SENML_JSON, SENML_CBOR);

    private MediaTypes() {
    }

    /** @return whether a point can be served in and written with this content format */
    public static boolean isPointFormat(int contentFormat) {
        return POINT_FORMATS.contains(contentFormat);
    }

    /** @return the media type of a known content format, such as {@code application/json}, or {@code "ct=N"} */
    public static String name(int contentFormat) {
        return switch (contentFormat) {
            case TEXT_PLAIN -> "text/plain";
            case LINK_FORMAT -> "application/link-format";
            case JSON -> "application/json";
            case SENML_JSON -> "application/senml+json";
            case SENML_CBOR -> "application/senml+cbor";
            default -> "ct=" + contentFormat;
        };
    }

    /** @return the formats for a diagnostic, e.g. {@code text/plain (0), application/json (50)} */
    public static String describe(List<Integer> formats) {
        return formats.stream().map(f -> name(f) + " (" + f + ")").collect(Collectors.joining(", "));
    }
}
