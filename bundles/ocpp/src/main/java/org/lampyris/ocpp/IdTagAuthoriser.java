package org.lampyris.ocpp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.lampyris.api.charging.Authorisation;
import org.lampyris.api.charging.SessionAuthoriser;
import org.lampyris.hal.TimeSource;

/**
 * Authorises the identifiers presented at the post through the CSMS (Authorize, OCPP 1.6, 4.1) while the link is up
 * and registered, and from the {@link LocalAuthorisations} (LocalAuthorizeOffline) when it is not or the CSMS does
 * not answer within the configured time. The charging plugin asks it before it starts a session.
 */
final class IdTagAuthoriser implements SessionAuthoriser {
    /** The link to the CSMS, used on its thread. */
    interface Csms {
        /** @return whether an Authorize can be sent now */
        boolean online();

        /** Sends an Authorize; the answer's payload goes to {@code answer}, or null if none came. */
        void authorize(String idTag, Consumer<Map<String, Object>> answer);
    }

    private final LocalAuthorisations local;
    private final Csms csms;
    private final ScheduledExecutorService executor;
    private final TimeSource time;
    private final Duration timeout;

    /** @param timeout how long the CSMS has to answer before the local list decides */
    IdTagAuthoriser(LocalAuthorisations local, Csms csms, ScheduledExecutorService executor, TimeSource time,
            Duration timeout) {
        this.local = local;
        this.csms = csms;
        this.executor = executor;
        this.time = time;
        this.timeout = timeout;
    }

    @Override
    public Authorisation authorise(String identifier) {
        String idTag = TransactionRecorder.idTag(identifier);
        CompletableFuture<Authorisation> answer = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                if (!csms.online()) {
                    answer.complete(offline(idTag));
                    return;
                }
                executor.schedule(() -> {
                    if (!answer.isDone()) {
                        answer.complete(offline(idTag));
                    }
                }, timeout.toMillis(), TimeUnit.MILLISECONDS);
                csms.authorize(idTag, payload -> answer.complete(online(idTag, payload)));
            });
            return answer.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return Authorisation.refuse("the OCPP link is closing");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Authorisation.refuse("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return Authorisation.refuse("no answer from the CSMS nor from the local list");
        }
    }

    /** On the link's thread: the CSMS's answer, kept in the cache; no answer: the local list decides. */
    private Authorisation online(String idTag, Map<String, Object> payload) {
        if (payload == null || !(payload.get("idTagInfo") instanceof Map<?, ?> info)) {
            return offline(idTag);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> idTagInfo = (Map<String, Object>) info;
        local.remember(idTag, idTagInfo);
        String status = String.valueOf(idTagInfo.get("status"));
        return status.equals("Accepted") ? Authorisation.accept()
                : Authorisation.refuse("the charge-point operator answers " + status);
    }

    /** On the link's thread: what the local list, or else the cache, says. */
    private Authorisation offline(String idTag) {
        String status = local.status(idTag, time.now());
        if (status == null) {
            return Authorisation.refuse("the charge-point operator is out of reach and the identifier is not in "
                    + "the local list");
        }
        return status.equals("Accepted") ? Authorisation.accept()
                : Authorisation.refuse("the local list says " + status);
    }
}
