package org.lampyris.lampctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;

/** How a post's answer reads in an error line. */
class AnswerTest {

    @Test
    void aCodeReadsAsItsNumberAndName() {
        assertThat(Answer.codeText(ResponseCode.BAD_REQUEST)).isEqualTo("4.00 Bad Request");
        assertThat(Answer.codeText(ResponseCode.UNPROCESSABLE_ENTITY)).isEqualTo("4.22 Unprocessable Entity");
        assertThat(Answer.codeText(ResponseCode.SERVICE_UNAVAILABLE)).isEqualTo("5.03 Service Unavailable");
    }

    @Test
    void aTextReasonFollowsTheCode() {
        Answer answer = new Answer(ResponseCode.BAD_REQUEST, MediaTypeRegistry.TEXT_PLAIN,
                "not signed\nby a trusted key".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.describe()).isEqualTo("4.00 Bad Request: not signed by a trusted key");
    }

    @Test
    void aRevertedTransactionReadsAsItsOutcomeAndReason() {
        Answer answer = new Answer(ResponseCode.UNPROCESSABLE_ENTITY, MediaTypeRegistry.APPLICATION_JSON,
                "{\"id\":7,\"action\":\"update\",\"from\":\"1.0.0\",\"to\":\"1.1.0\",\"outcome\":\"reverted\",\"reason\":\"/light/level did not answer within the health window\"}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(answer.describe()).isEqualTo(
                "4.22 Unprocessable Entity: reverted: /light/level did not answer within the health window");
    }
}
