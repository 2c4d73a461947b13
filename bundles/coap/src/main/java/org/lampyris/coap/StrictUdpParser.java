package org.lampyris.coap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.californium.core.coap.CoAPMessageFormatException;
import org.eclipse.californium.core.coap.OptionNumberRegistry;
import org.eclipse.californium.core.coap.option.OptionDefinition;
import org.eclipse.californium.core.coap.option.MapBasedOptionRegistry;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.coap.option.StandardOptionRegistry;
import org.eclipse.californium.core.network.serialization.MessageHeader;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.elements.util.DatagramReader;

/**
 * Californium's UDP parser, made to answer two kinds of malformed datagram the way RFC 7252 prescribes rather than
 * dropping or accepting them:
 * <ul>
 * <li>a token length of 9-15 is a message format error (section 3): a confirmable message is rejected with a Reset;
 * <li>a second occurrence of a non-repeatable critical option is treated like an unrecognised critical option
 * (section 5.4.5): a confirmable request gets 4.02 Bad Option, a non-confirmable one is dropped.
 * </ul>
 * Given {@link #PROCESSED}, the parser also refuses the critical options the post does not process (section 5.4.1):
 * unknown ones, which Californium's default, lenient registry accepts, and those Californium can parse but nothing
 * of the post acts on. A client that sends OSCORE (option 9) believes its request protected end to end and must not
 * get a plain answer; Q-Block1 and Q-Block2 (RFC 9177) ask for a transfer mode Californium 3 does not implement.
 */
final class StrictUdpParser extends UdpDataParser {
    private static final int PAYLOAD_MARKER = 0xFF;

    /** The critical options of the standard registry that nothing of the post processes. */
    static final Set<Integer> UNPROCESSED_CRITICAL = Set.of(StandardOptionRegistry.OSCORE.getNumber(),
            StandardOptionRegistry.Q_BLOCK_1.getNumber(), StandardOptionRegistry.Q_BLOCK_2.getNumber());

    /** The options the post parses: the standard ones it processes. */
    static final OptionRegistry PROCESSED = processed();

    private final OptionRegistry registry;

    StrictUdpParser(boolean strictEmptyMessageFormat, OptionRegistry registry) {
        super(strictEmptyMessageFormat, registry);
        this.registry = registry;
    }

    private static OptionRegistry processed() {
        List<OptionDefinition> kept = new ArrayList<>();
        for (OptionRegistry.Entry entry : StandardOptionRegistry.STANDARD_OPTIONS) {
            if (!UNPROCESSED_CRITICAL.contains(entry.getOptioneDefinition().getNumber())) {
                kept.add(entry.getOptioneDefinition());
            }
        }
        return new MapBasedOptionRegistry(kept.toArray(OptionDefinition[]::new));
    }

    @Override
    protected MessageHeader parseHeader(DatagramReader reader) {
        reader.mark();
        if (reader.bytesAvailable(4)) {
            int first = reader.read(8);
            int code = reader.read(8);
            int mid = reader.read(16);
            int tokenLength = first & 0x0F;
            if (first >> 6 == 1 && tokenLength > 8) {
                throw new CoAPMessageFormatException("token length " + tokenLength + " is reserved", null, mid, code,
                        ((first >> 4) & 0x3) == 0);
            }
        }
        reader.reset();
        MessageHeader header = super.parseHeader(reader);
        reader.mark();
        String repeated = repeatedCriticalOption(reader, header.getCode());
        reader.reset();
        if (repeated != null) {
            throw new CoAPMessageFormatException(repeated, header.getToken(), header.getMID(), header.getCode(),
                    header.getType() == org.eclipse.californium.core.coap.CoAP.Type.CON);
        }
        return header;
    }

    /**
     * Scans the options without consuming them. Malformed encodings end the scan: the parser proper reports them.
     *
     * @return a description of the first repeated non-repeatable critical option, or null
     */
    private String repeatedCriticalOption(DatagramReader reader, int code) {
        int number = 0;
        int previous = -1;
        while (reader.bytesAvailable()) {
            int b = reader.read(8);
            if (b == PAYLOAD_MARKER) {
                return null;
            }
            int delta = extended(reader, b >> 4);
            int length = extended(reader, b & 0x0F);
            if (delta < 0 || length < 0 || !reader.bytesAvailable(length)) {
                return null;
            }
            reader.skip(length * 8L);
            number += delta;
            if (delta == 0 && number == previous && OptionNumberRegistry.isCritical(number)) {
                OptionDefinition definition = registry.getDefinitionByNumber(code, number);
                if (definition != null && definition.isSingleValue()) {
                    return "option " + definition.getName() + " (" + number + ") must not be repeated";
                }
            }
            previous = number;
        }
        return null;
    }

    private static int extended(DatagramReader reader, int nibble) {
        if (nibble <= 12) {
            return nibble;
        }
        if (nibble == 13 && reader.bytesAvailable(1)) {
            return reader.read(8) + 13;
        }
        if (nibble == 14 && reader.bytesAvailable(2)) {
            return reader.read(16) + 269;
        }
        return -1;
    }
}
