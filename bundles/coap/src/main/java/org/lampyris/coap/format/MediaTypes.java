package org.lampyris.coap.format;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.californium.core.coap.MediaTypeRegistry;

/**
 * The CoAP content formats (RFC 7252 section 12.3 registry) that the endpoint speaks, by their numbers in
 * Californium's {@link MediaTypeRegistry}.
 */
public final class MediaTypes {
    /** {@code text/plain; charset=utf-8} */
    public static final int TEXT_PLAIN = MediaTypeRegistry.TEXT_PLAIN;
    /** {@code application/link-format} (RFC 6690) */
    public static final int LINK_FORMAT = MediaTypeRegistry.APPLICATION_LINK_FORMAT;
    /** {@code application/json} */
    public static final int JSON = MediaTypeRegistry.APPLICATION_JSON;
    /** {@code application/cbor} (RFC 8949) */
    public static final int CBOR = MediaTypeRegistry.APPLICATION_CBOR;
    /** {@code application/senml+json} (RFC 8428) */
    public static final int SENML_JSON = MediaTypeRegistry.APPLICATION_SENML_JSON;
    /** {@code application/senml+cbor} (RFC 8428) */
    public static final int SENML_CBOR = MediaTypeRegistry.APPLICATION_SENML_CBOR;

    /** The formats a point can be read and written in, the default ({@code text/plain}) first. */
    public static final List<Integer> POINT_FORMATS = List.of(TEXT_PLAIN, JSON, CBOR, SENML_JSON, SENML_CBOR);

    /** The formats a collection of points can be read in: one SenML pack. */
    public static final List<Integer> PACK_FORMATS = List.of(SENML_JSON, SENML_CBOR);

    private MediaTypes() {
    }

    /** @return whether a point can be served in and written with this content format */
    public static boolean isPointFormat(int contentFormat) {
        return POINT_FORMATS.contains(contentFormat);
    }

    /** @return the media type of a content format, such as {@code application/json}, or {@code "ct=N"} */
    public static String name(int contentFormat) {
        String name = MediaTypeRegistry.toString(contentFormat);
        return name.startsWith("unknown") ? "ct=" + contentFormat : name;
    }

    /** @return the formats for a diagnostic, e.g. {@code text/plain (0), application/json (50)} */
    public static String describe(List<Integer> formats) {
        return formats.stream().map(f -> name(f) + " (" + f + ")").collect(Collectors.joining(", "));
    }
}
