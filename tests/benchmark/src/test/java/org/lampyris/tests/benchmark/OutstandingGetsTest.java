package org.lampyris.tests.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bookkeeping of a load generator's requests, with a transport that only records what it is asked to do. */
class OutstandingGetsTest {

    /** Records every datagram sent and every renewal. */
    private static final class RecordingTransport implements GetTransport {
        final Deque<byte[]> sent = new ArrayDeque<>();
        final List<Integer> renewedAfter = new ArrayList<>();
        int sends;

        @Override
        public void send(byte[] datagram) {
            sent.add(datagram);
            sends++;
        }

        @Override
        public void renew() {
            renewedAfter.add(sends);
        }

        @Override
        public void awaitAnswers(long millis) {
        }

        @Override
        public String describe() {
            return "recording";
        }

        @Override
        public void close() {
        }
    }

    private static byte[] contentAnswerTo(byte[] request) {
        byte[] answer = request.clone();
        answer[0] = (byte) (0x40 | CoapDatagram.ACK << 4 | OutstandingGets.TOKEN_LENGTH);
        answer[1] = (byte) CoapDatagram.CONTENT;
        return answer;
    }

    @Test
    void everySlotHasOneRequestOutstandingAndAnAnswerSendsTheNext() throws Exception {
        RecordingTransport transport = new RecordingTransport();
        OutstandingGets gets = new OutstandingGets("/light/level", 3);
        gets.start(transport);
        assertThat(transport.sent).hasSize(3).extracting(CoapDatagram::tokenValue).containsExactly(0L, 1L, 2L);

        byte[] second = transport.sent.toArray(new byte[0][])[1];
        gets.handle(contentAnswerTo(second), second.length, System.nanoTime());

        assertThat(transport.sent).hasSize(4);
        assertThat(CoapDatagram.tokenValue(transport.sent.getLast())).isEqualTo(1);
        assertThat(CoapDatagram.messageId(transport.sent.getLast())).isEqualTo(3);
        assertThat(gets.finish(1).answered()).isEqualTo(1);
    }

    @Test
    void aRequestUnansweredForTwoSecondsFailsAndItsSlotSendsAnother() throws Exception {
        RecordingTransport transport = new RecordingTransport();
        OutstandingGets gets = new OutstandingGets("/light/level", 1);
        gets.start(transport);
        byte[] first = transport.sent.getLast();

        gets.expire(System.nanoTime() + 3_000_000_000L);
        // The late answer to the expired request is not counted.
        gets.handle(contentAnswerTo(first), first.length, System.nanoTime());

        LoadResult result = gets.finish(1);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.answered()).isZero();
        assertThat(transport.sent).hasSize(2);
    }

    @Test
    void whenMessageIdsRunOutItWaitsForTheRequestsInFlightThenMovesToAFreshSession() throws Exception {
        RecordingTransport transport = new RecordingTransport();
        OutstandingGets gets = new OutstandingGets("/light/level", 4);
        gets.start(transport);
        int answered = 0;
        while (transport.renewedAfter.isEmpty()) {
            byte[] request = transport.sent.poll();
            assertThat(request).as("a request to answer before the session is renewed").isNotNull();
            // No message ID of a session is used twice.
            assertThat(CoapDatagram.messageId(request)).isEqualTo(answered);
            gets.handle(contentAnswerTo(request), request.length, System.nanoTime());
            answered++;
        }
        assertThat(transport.renewedAfter).containsExactly(OutstandingGets.REQUESTS_PER_SESSION);
        assertThat(answered).isEqualTo(OutstandingGets.REQUESTS_PER_SESSION);
        // The fresh session starts from message ID 0 with every slot filled.
        assertThat(transport.sent).hasSize(4).extracting(CoapDatagram::messageId).containsExactly(0, 1, 2, 3);
        assertThat(gets.finish(1).answered()).isEqualTo(OutstandingGets.REQUESTS_PER_SESSION);
    }

    @Test
    void afterTheWindowEndsNoSlotSendsAnotherRequest() throws Exception {
        RecordingTransport transport = new RecordingTransport();
        OutstandingGets gets = new OutstandingGets("/light/level", 2);
        gets.start(transport);
        gets.finish(1);
        byte[] first = transport.sent.getFirst();
        gets.handle(contentAnswerTo(first), first.length, System.nanoTime());
        assertThat(transport.sent).hasSize(2);
    }
}
