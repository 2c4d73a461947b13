package org.lampyris.lampctl;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.observe.NotificationListener;

/** discover, get, put and observe: what the post publishes, as an integrator or operator sees it. */
final class PointCommands {
    private final Session session;

    PointCommands(Session session) {
        this.session = session;
    }

    /** GET /.well-known/core, one link per line. */
    void discover(HostAddress host) throws CommandFailure {
        Answer answer = session.call(host, Session.request(Code.GET, "/.well-known/core", null));
        session.out().println(answer.text().replace(",<", ",\n<"));
    }

    /** GET a point or collection, with the Accept of --accept (none when null). */
    void get(HostAddress host, String path, MediaFormat accept) throws CommandFailure {
        Request request = Session.request(Code.GET, path, null);
        if (accept != null) {
            request.getOptions().setAccept(accept.contentFormat());
        }
        session.print(session.call(host, request));
    }

    /** PUT a value in a format (--format); prints the answer. */
    void put(HostAddress host, String path, String value, MediaFormat format) throws CommandFailure {
        Request request = Session.request(Code.PUT, path, null);
        request.getOptions().setContentFormat(format.contentFormat());
        request.setPayload(value.getBytes(StandardCharsets.UTF_8));
        session.print(session.call(host, request));
    }

    /**
     * Observes a point: one line per answer and notification, with the time it arrived, for --seconds or until
     * interrupted (0). An error answer (4.04 when the point goes away) ends it as a refusal.
     */
    void observe(HostAddress host, String path, MediaFormat accept, int seconds) throws CommandFailure {
        Request request = Session.request(Code.GET, path, null);
        request.setObserve();
        if (accept != null) {
            request.getOptions().setAccept(accept.contentFormat());
        }
        String what = PostClient.describe(request);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<Answer> error = new AtomicReference<>();
        // Californium hands notifications to the endpoint's notification listeners, not to the original request.
        NotificationListener listener = (observe, response) -> {
            if (!observe.getToken().equals(request.getToken())) {
                return;
            }
            Answer answer = Answer.of(response);
            if (answer.success()) {
                line(answer);
            } else {
                error.set(answer);
                ended.countDown();
            }
        };
        session.client().listen(host, listener, true);
        try {
            Answer first = session.call(host, request);
            line(first);
            if (!first.observed()) {
                session.err().println(host + ": " + what + ": the post does not offer observe; one answer only");
                return;
            }
            if (seconds > 0) {
                ended.await(seconds, TimeUnit.SECONDS);
            } else {
                ended.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            request.cancel();
            session.client().listen(host, listener, false);
        }
        if (error.get() != null) {
            throw CommandFailure.refused(host, what, error.get());
        }
    }

    private synchronized void line(Answer answer) {
        session.out().print(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " ");
        session.print(answer);
    }
}
