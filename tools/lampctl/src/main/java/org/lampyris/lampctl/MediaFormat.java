package org.lampyris.lampctl;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.californium.core.coap.MediaTypeRegistry;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The formats an engineer names with {@code --accept} and {@code --format}, and the CoAP Content-Format each stands
 * for. {@code cbor} is SenML CBOR, the binary twin of {@code senml}.
 */
enum MediaFormat {
    TEXT(MediaTypeRegistry.TEXT_PLAIN, true),
    JSON(MediaTypeRegistry.APPLICATION_JSON, true),
    SENML(MediaTypeRegistry.APPLICATION_SENML_JSON, true),
    CBOR(MediaTypeRegistry.APPLICATION_SENML_CBOR, false),
    LINK(MediaTypeRegistry.APPLICATION_LINK_FORMAT, false);

    private final int contentFormat;
    private final boolean writable;

    MediaFormat(int contentFormat, boolean writable) {
        this.contentFormat = contentFormat;
        this.writable = writable;
    }

    /** @return the CoAP Content-Format number */
    int contentFormat() {
        return contentFormat;
    }

    /** As the engineer writes it: {@code senml}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code --accept}: any format, in any case. */
    static final class Accepted implements ITypeConverter<MediaFormat> {
        @Override
        public MediaFormat convert(String value) {
            return named(value, Arrays.stream(values()));
        }
    }

    /** Reads {@code --format}: a format a value can be written in, in any case. */
    static final class Written implements ITypeConverter<MediaFormat> {
        @Override
        public MediaFormat convert(String value) {
            return named(value, Arrays.stream(values()).filter(f -> f.writable));
        }
    }

    private static MediaFormat named(String value, Stream<MediaFormat> allowed) {
        var formats = allowed.toList();
        return formats.stream().filter(f -> f.name().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new TypeConversionException("expected one of " + formats.stream()
                        .map(MediaFormat::toString).sorted().collect(Collectors.joining(", "))));
    }
}
