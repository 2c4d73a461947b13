package org.lampyris.ocpp;

import java.io.File;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.charging.ChargePoint;
import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.charging.SessionAuthoriser;
import org.lampyris.api.health.LinkStatus;
import org.lampyris.api.health.OutboundLink;
import org.lampyris.hal.TimeSource;
import org.lampyris.internal.concurrent.OneThread;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post's charge point as an OCPP 1.6J charge point towards a CSMS. Over a WebSocket connection that the
 * {@link CsmsLink} keeps up, it registers with a BootNotification, sent again after the interval while the CSMS
 * answers Pending or Rejected; sends Heartbeats at the CSMS's interval, Authorize for the identifiers presented at the
 * post ({@link IdTagAuthoriser}), StatusNotifications when the connector's status changes ({@link StatusMapping}) and
 * the transaction messages of the {@link Outbox}, in order, one call at a time as OCPP-J requires; and answers the
 * CSMS's calls ({@link CsmsRequests}, {@link SmartCharging}).
 * <p>
 * Everything runs on one thread, {@value #THREAD}: the {@link CsmsLink}'s events and the charge point's changes are
 * handed to it, so that the state below needs no lock.
 */
@Component(service = {}, configurationPid = OcppConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true)
@Designate(ocd = OcppConfig.class)
public class ChargePointLink implements CsmsLink.Listener {
    static final String THREAD = "lampyris-ocpp";
    static final String OUTBOX_FILE = "ocpp-outbox.json";
    static final String KEYS_FILE = "ocpp-configuration-keys.json";
    static final String PROFILES_FILE = "ocpp-charging-profiles.json";
    static final String AUTHORISATIONS_FILE = "ocpp-authorisations.json";
    private static final Logger LOG = LoggerFactory.getLogger(ChargePointLink.class);

    private final ScheduledExecutorService executor;
    private final OcppConfig config;
    private final ChargePoint chargePoint;
    private final TimeSource time;
    private final BundleContext context;
    private CsmsUrl url;
    private CsmsLink link;
    private Outbox outbox;
    private ConfigurationKeys keys;
    private TransactionRecorder transactions;
    private CsmsRequests requests;
    private SmartCharging smartCharging;
    private LocalAuthorisations authorisations;
    private ServiceRegistration<SessionAuthoriser> authoriser;
    private ServiceRegistration<OutboundLink> health;
    /** The status health was last given, for when the link's thread does not answer in time. */
    private volatile LinkStatus lastStatus;
    private Subscription statusSubscription;

    // Confined to the executor's thread.
    private boolean closed;
    private String registration = "None";
    private long callNumber;
    private InFlight inFlight;
    private ScheduledFuture<?> callTimeout;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> bootRetry;
    private ScheduledFuture<?> sampler;
    private boolean heartbeatDue;
    private boolean triggeredMeterValues;
    private boolean bootDue;
    private boolean resetDue;
    private final java.util.ArrayDeque<PendingAuthorize> toAuthorize = new java.util.ArrayDeque<>();
    private ChargePointStatus latest;
    private StatusMapping.Connector told;
    private StatusMapping.Connector toTell;

    /** An Authorize waiting to be sent, and who waits for its answer. */
    private record PendingAuthorize(String idTag, Consumer<Map<String, Object>> answer) {
    }

    /** The call waiting for its answer, and what to do with the answer. */
    private record InFlight(Frame.Call call, Consumer<Map<String, Object>> onResult, Consumer<Frame.Error> onError) {
    }

    @Activate
    public ChargePointLink(BundleContext context, OcppConfig config, @Reference ChargePoint chargePoint,
            @Reference TimeSource time) {
        this.config = config;
        this.context = context;
        this.chargePoint = chargePoint;
        this.time = time;
        String text = config.csms_url().trim();
        this.executor = text.isEmpty() ? null : OneThread.scheduler(THREAD);
        if (text.isEmpty()) {
            LOG.info("OCPP off: no csms.url in the configuration {}", OcppConfig.PID);
            return;
        }
        try {
            url = CsmsUrl.parse(text, Boolean.parseBoolean(context.getProperty("lampyris.development")));
        } catch (IllegalArgumentException e) {
            LOG.error("OCPP off: {}", e.getMessage());
            executor.shutdown();
            return;
        }
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(config.call_timeout_s()));
        try {
            javax.net.ssl.SSLContext tls = CsmsTls.context(Path.of(property(context, "lampyris.conf.dir", "conf")),
                    config.csms_certificate(), config.client_credentials());
            if (tls != null) {
                client.sslContext(tls);
            }
        } catch (IllegalArgumentException e) {
            LOG.error("OCPP off: {}", e.getMessage());
            executor.shutdown();
            return;
        }
        link = new CsmsLink(executor, client.build(), url, config,
                () -> keys.seconds(ConfigurationKeys.WEBSOCKET_PING_INTERVAL),
                () -> "registration " + registration + ", " + outbox.size() + " transaction messages queued, "
                        + outbox.dropped() + " dropped");
        outbox = new Outbox(dataFile(context, OUTBOX_FILE), config.outbox_limit());
        keys = new ConfigurationKeys(config, dataFile(context, KEYS_FILE));
        transactions = new TransactionRecorder(outbox, config.free_charging_id_tag());
        smartCharging = new SmartCharging(new ChargingProfiles(dataFile(context, PROFILES_FILE)), chargePoint, outbox,
                time, executor);
        authorisations = new LocalAuthorisations(dataFile(context, AUTHORISATIONS_FILE));
        requests = new CsmsRequests(chargePoint, keys, transactions,
                seconds -> executor.execute(() -> scheduleSampler(seconds)),
                message -> executor.execute(() -> triggered(message)), smartCharging, authorisations, this::reset);
        LOG.info("OCPP 1.6J charge point {} reports to {}{}; {} transaction messages queued", url.identity(),
                url.uri().getScheme() + "://" + url.uri().getAuthority() + url.uri().getPath(),
                (config.basic_auth_password().isEmpty() ? "" : " with HTTP Basic authentication")
                        + (config.client_credentials().isBlank() ? "" : " and a client certificate"),
                outbox.size());
        statusSubscription = chargePoint.onChange(s -> executor.execute(() -> statusChanged(s)));
        executor.execute(() -> {
            statusChanged(chargePoint.status());
            smartCharging.apply();
            scheduleSampler(keys.seconds(ConfigurationKeys.METER_VALUE_SAMPLE_INTERVAL));
            link.start(this);
        });
        authoriser = context.registerService(SessionAuthoriser.class, new IdTagAuthoriser(authorisations,
                new IdTagAuthoriser.Csms() {
                    @Override
                    public boolean online() {
                        return link.isOpen() && registration.equals("Accepted");
                    }

                    @Override
                    public void authorize(String idTag, Consumer<Map<String, Object>> answer) {
                        toAuthorize.addLast(new PendingAuthorize(idTag, answer));
                        pump();
                    }
                }, executor, time, Duration.ofSeconds(config.authorize_timeout_s())), null);
        health = context.registerService(OutboundLink.class, this::linkStatus, null);
    }

    /**
     * @return the link's status, taken on the link's thread, where its state lives; what it was last if the thread
     *         does not answer within a second (it never waits for the network, so that means it is closing)
     */
    private LinkStatus linkStatus() {
        try {
            lastStatus = executor.submit(() -> link.status(outbox.size(), outbox.dropped(),
                    Map.of("registration", registration))).get(1, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            LOG.debug("OCPP: the link's status is not known now: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lastStatus == null) {
            throw new IllegalStateException("the OCPP link's status is not known yet");
        }
        return lastStatus;
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static Path dataFile(BundleContext context, String name) {
        File file = context.getDataFile(name);
        return file == null ? null : file.toPath();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (health != null) {
            health.unregister();
        }
        if (authoriser != null) {
            authoriser.unregister();
        }
        if (statusSubscription != null) {
            statusSubscription.close();
        }
        if (executor == null || executor.isShutdown()) {
            return;
        }
        executor.execute(() -> {
            closed = true;
            smartCharging.close();
            link.close();
        });
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    /** A connection is open: register, or, registered before, go on where the link was lost. */
    @Override
    public void opened() {
        if (registration.equals("Accepted")) {
            // Registered before the link was lost: no new BootNotification (OCPP 1.6, 4.2), the status again.
            if (toTell == null) {
                toTell = told;
            }
            told = null;
            scheduleHeartbeat();
            pump();
        } else {
            sendBoot();
        }
    }

    @Override
    public void received(String text) {
        Frame frame;
        try {
            frame = Frame.parse(text);
        } catch (Frame.BadFrame e) {
            LOG.warn("OCPP: unreadable message from the CSMS: {}", e.getMessage());
            if (e.messageId() != null) {
                link.send(new Frame.Error(e.messageId(), e.code(), e.getMessage()).text());
            }
            return;
        }
        if (frame instanceof Frame.Call call) {
            link.send(requests.answer(call).text());
            return;
        }
        InFlight waiting = inFlight;
        if (waiting == null || !waiting.call().id().equals(frame.id())) {
            LOG.debug("OCPP: an answer to no call waiting: {}", frame.id());
            return;
        }
        inFlight = null;
        callTimeout.cancel(false);
        if (frame instanceof Frame.Result result) {
            waiting.onResult().accept(result.payload());
        } else {
            Frame.Error error = (Frame.Error) frame;
            LOG.warn("OCPP: the CSMS answered {} with {}: {}", waiting.call().action(), error.code(),
                    error.description());
            waiting.onError().accept(error);
        }
        pump();
    }

    /** The connection is gone: what was in flight stays queued; whoever waits for an Authorize hears no answer. */
    @Override
    public void lost() {
        if (inFlight != null && inFlight.call().action().equals("Authorize")) {
            inFlight.onResult().accept(null); // whoever waits decides from the local list
        }
        inFlight = null;
        while (!toAuthorize.isEmpty()) {
            toAuthorize.poll().answer().accept(null);
        }
        cancel(callTimeout, heartbeat, bootRetry);
    }

    private void sendBoot() {
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("chargePointVendor", limit(config.charge_point_vendor(), 20));
        boot.put("chargePointModel", limit(config.charge_point_model(), 20));
        call("BootNotification", boot, this::bootAnswered, error -> retryBoot(0));
    }

    private void bootAnswered(Map<String, Object> answer) {
        String status = String.valueOf(answer.get("status"));
        long interval = answer.get("interval") instanceof Long l ? l : 0;
        registration = status;
        if (status.equals("Accepted")) {
            if (interval > 0) {
                keys.change(ConfigurationKeys.HEARTBEAT_INTERVAL, Long.toString(interval));
            }
            LOG.info("OCPP: registered with the CSMS (BootNotification Accepted, heartbeat every {} s)",
                    keys.seconds(ConfigurationKeys.HEARTBEAT_INTERVAL));
            toTell = latest == null ? null : StatusMapping.of(latest, null, chargePoint.operative());
            scheduleHeartbeat();
        } else {
            LOG.warn("OCPP: the CSMS answered the BootNotification {}; asking again in {} s", status,
                    interval > 0 ? interval : keys.seconds(ConfigurationKeys.HEARTBEAT_INTERVAL));
            retryBoot(interval);
        }
    }

    private void retryBoot(long interval) {
        long wait = interval > 0 ? interval : keys.seconds(ConfigurationKeys.HEARTBEAT_INTERVAL);
        long generation = link.generation();
        bootRetry = executor.schedule(() -> {
            if (link.isOpen() && link.generation() == generation) {
                bootDue = true;
                pump();
            }
        }, wait, TimeUnit.SECONDS);
    }

    /** Sends the next call, if the link is up and registered and no call waits for its answer. */
    private void pump() {
        if (!link.isOpen() || inFlight != null) {
            return;
        }
        if (bootDue) {
            bootDue = false;
            sendBoot();
            return;
        }
        if (!registration.equals("Accepted")) {
            return;
        }
        if (heartbeatDue) {
            heartbeatDue = false;
            call("Heartbeat", Map.of(), answer -> { }, error -> { });
            return;
        }
        if (!toAuthorize.isEmpty()) {
            PendingAuthorize a = toAuthorize.poll();
            call("Authorize", Map.of("idTag", a.idTag()), a.answer(), error -> a.answer().accept(null));
            return;
        }
        if (triggeredMeterValues && latest != null) {
            triggeredMeterValues = false;
            Long transactionId = latest.session() == null ? null : outbox.transactionId(latest.session().id());
            call("MeterValues", transactions.triggered(latest, time.now(), transactionId), answer -> { },
                    error -> { });
            return;
        }
        if (toTell != null && !toTell.equals(told)) {
            StatusMapping.Connector c = toTell;
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("connectorId", TransactionRecorder.CONNECTOR);
            payload.put("errorCode", c.errorCode());
            if (c.info() != null) {
                payload.put("info", limit(c.info(), 50));
            }
            payload.put("status", c.status());
            payload.put("timestamp", (latest != null ? latest.time() : time.now()).toString());
            call("StatusNotification", payload, answer -> told = c, error -> told = c);
            return;
        }
        Outbox.Entry next = outbox.head();
        if (next == null) {
            if (resetDue) {
                restartPlatform();
            }
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>(next.payload());
        if (!next.action().equals(Outbox.START)) {
            Long transactionId = outbox.transactionId(next.session());
            if (transactionId == null) {
                LOG.warn("OCPP: {} of session {} dropped: its StartTransaction got no transaction id",
                        next.action(), next.session());
                outbox.dropHead();
                pump();
                return;
            }
            payload.put("transactionId", transactionId);
        }
        call(next.action(), payload, answer -> {
            outbox.delivered(next, answer);
            if (payload.get("idTag") instanceof String idTag && answer.get("idTagInfo") instanceof Map<?, ?> info) {
                @SuppressWarnings("unchecked")
                Map<String, Object> idTagInfo = (Map<String, Object>) info;
                authorisations.remember(idTag, idTagInfo);
            }
        },
                error -> outbox.refused(next, config.transaction_message_attempts()));
    }

    private void call(String action, Map<String, Object> payload, Consumer<Map<String, Object>> onResult,
            Consumer<Frame.Error> onError) {
        Frame.Call call = new Frame.Call(Long.toString(++callNumber), action, payload);
        inFlight = new InFlight(call, onResult, onError);
        long generation = link.generation();
        callTimeout = executor.schedule(() -> {
            if (link.generation() == generation && inFlight != null && inFlight.call() == call) {
                link.drop("no answer to " + action + " within " + config.call_timeout_s() + " s");
            }
        }, config.call_timeout_s(), TimeUnit.SECONDS);
        link.send(call.text()).whenComplete((s, e) -> {
            if (e != null) {
                executor.execute(() -> {
                    if (link.generation() == generation) {
                        link.drop("cannot send " + action + ": " + e);
                    }
                });
            }
        });
    }

    /**
     * Reset (OCPP 1.6, 5.14), on the link's thread after the answer: a running session ends (SoftReset, HardReset),
     * its StopTransaction goes to the CSMS (or, offline, into the outbox) and the platform restarts in its process,
     * as after a power cut; at the latest after the call timeout. A post cannot cut its own power: both types restart
     * the platform.
     */
    private void reset(String type) {
        ChargePointStatus s = latest;
        if (s != null && s.session() != null) {
            transactions.stoppedByCsms(s.session().id(), type + "Reset");
            try {
                chargePoint.stop();
            } catch (Exception e) {
                LOG.warn("OCPP: the session could not be stopped before the reset: {}", e.toString());
            }
        }
        // After the status change the stop caused, which is queued on this thread already.
        executor.execute(() -> {
            resetDue = true;
            executor.schedule(this::restartPlatform, config.call_timeout_s(), TimeUnit.SECONDS);
            pump();
        });
    }

    private void restartPlatform() {
        if (!resetDue) {
            return;
        }
        resetDue = false;
        LOG.warn("OCPP: restarting the platform for the CSMS's reset ({} messages queued)", outbox.size());
        Thread restart = new Thread(() -> {
            try {
                context.getBundle(0).update();
            } catch (Exception e) {
                LOG.error("OCPP: the reset failed: {}", e.toString());
            }
        }, "lampyris-ocpp-reset");
        restart.setDaemon(true);
        restart.start();
    }

    /** A message the CSMS asked for with TriggerMessage, sent after the answer to it. */
    private void triggered(String message) {
        switch (message) {
            case "BootNotification" -> bootDue = true;
            case "Heartbeat" -> heartbeatDue = true;
            case "StatusNotification" -> {
                if (latest != null) {
                    toTell = StatusMapping.of(latest, told != null ? told.status() : null, chargePoint.operative());
                    told = null;
                }
            }
            case "MeterValues" -> triggeredMeterValues = true;
            default -> throw new IllegalArgumentException("cannot trigger " + message);
        }
        pump();
    }

    private void statusChanged(ChargePointStatus s) {
        if (s == null || closed) {
            return;
        }
        boolean ended = latest != null && latest.session() != null
                && (s.session() == null || s.session().id() != latest.session().id());
        boolean started = s.session() != null && (latest == null || latest.session() == null
                || latest.session().id() != s.session().id());
        latest = s;
        transactions.observed(s);
        if (ended) {
            smartCharging.transactionEnded();
        } else if (started) {
            smartCharging.apply(); // a Relative or TxDefault profile starts with the transaction
        }
        StatusMapping.Connector c = StatusMapping.of(s, told != null ? told.status() : null, chargePoint.operative());
        if (!c.equals(told)) {
            toTell = c;
        }
        pump();
    }

    private void scheduleHeartbeat() {
        cancel(heartbeat);
        long seconds = keys.seconds(ConfigurationKeys.HEARTBEAT_INTERVAL);
        heartbeat = executor.scheduleAtFixedRate(() -> {
            heartbeatDue = true;
            pump();
        }, seconds, seconds, TimeUnit.SECONDS);
    }

    private void scheduleSampler(int seconds) {
        cancel(sampler);
        if (seconds > 0) {
            sampler = executor.scheduleAtFixedRate(() -> {
                if (latest != null) {
                    transactions.sample(latest, time.now());
                    pump();
                }
            }, seconds, seconds, TimeUnit.SECONDS);
        }
    }

    private static void cancel(ScheduledFuture<?>... futures) {
        for (ScheduledFuture<?> f : futures) {
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    private static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
