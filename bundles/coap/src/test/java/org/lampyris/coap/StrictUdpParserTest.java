package org.lampyris.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.CoAPMessageFormatException;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.option.StandardOptionRegistry;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.junit.jupiter.api.Test;

class StrictUdpParserTest {

    /** A confirmable GET of /light/level that carries an OSCORE option, as a client protecting it would send. */
    private static RawData oscoreRequest() {
        Request request = new Request(Code.GET, Type.CON);
        request.setToken(new byte[] { 1, 2 });
        request.setMID(7);
        request.getOptions().setUriPath("light/level");
        request.getOptions().setOscore(new byte[0]);
        byte[] bytes = new UdpDataSerializer().getByteArray(request);
        return RawData.inbound(bytes, new AddressEndpointContext(new java.net.InetSocketAddress("127.0.0.1", 5683)),
                false, 0, new java.net.InetSocketAddress("127.0.0.1", 5683));
    }

    @Test
    void aConfirmableRequestWithAnOscoreOptionIsRefusedAsABadOptionThoughCaliforniumCouldParseIt() {
        assertThat(new UdpDataParser(false, StandardOptionRegistry.STANDARD_OPTIONS).parseMessage(oscoreRequest())
                .getOptions().hasOscore()).as("Californium's own registry takes OSCORE").isTrue();

        CoAPMessageFormatException refused = catchThrowableOfType(
                () -> new StrictUdpParser(false, StrictUdpParser.PROCESSED).parseMessage(oscoreRequest()),
                CoAPMessageFormatException.class);
        assertThat(refused).as("the post's parser refuses it").isNotNull();
        assertThat(refused.isConfirmable()).isTrue();
        assertThat(refused.getErrorCode()).as("answered 4.02 Bad Option")
                .isEqualTo(org.eclipse.californium.core.coap.CoAP.ResponseCode.BAD_OPTION);
    }
}
