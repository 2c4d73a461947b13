package org.lampyris.airquality;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.lampyris.api.Scheduling;
import org.lampyris.api.Subscription;
import org.lampyris.api.air.AirQuality;
import org.lampyris.api.air.AirQualityReport;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.air.AirChannel;
import org.lampyris.hal.air.AirQualitySensor;
import org.lampyris.hal.air.AirSample;
import org.lampyris.hal.air.SensorException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the post's air sensors and provides the air-quality capability. Each sample is judged channel by channel
 * ({@link ChannelCheck}); valid pollutant readings go into the hourly and daily means ({@link PollutantMeans}), from
 * which come the European Air Quality Index and the threshold alerts. The outcome of each sample is one immutable
 * {@link AirState} that the points and the capability's listeners receive.
 * <p>
 * The first sample is taken at activation, so that every point has a value from the start; then one every sampling
 * period of post time. The means live in memory: a restart or a new configuration starts them afresh. The component
 * is immediate, so that the means and alerts go on while nobody reads them (a delayed component would lose a day of
 * means whenever its last consumer, the CoAP endpoint say, went away).
 */
@Component(service = { AirQuality.class, AirMonitor.class }, configurationPid = AirQualityConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = AirQualityConfig.class)
public class AirMonitor implements AirQuality {
    private static final Logger LOG = LoggerFactory.getLogger(AirMonitor.class);

    private final AirQualitySensor sensor;
    private final TimeSource time;
    private final Map<AirChannel, ChannelCheck> checks = new EnumMap<>(AirChannel.class);
    private final PollutantMeans means;
    private final ThresholdAlerts alerts;
    private final ScheduledExecutorService sampler;
    private final CopyOnWriteArrayList<Consumer<AirState>> stateListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<AirQualityReport>> reportListeners = new CopyOnWriteArrayList<>();

    private volatile AirState state;

    @Activate
    public AirMonitor(@Reference AirQualitySensor sensor, @Reference TimeSource time, AirQualityConfig config,
            @Reference(target = Scheduling.SERIAL)
            ScheduledExecutorService sampler) {
        this.sensor = sensor;
        this.time = time;
        Duration period = Duration.ofSeconds(Math.max(1, config.period_seconds()));
        PlausibleRange concentration = new PlausibleRange(config.concentration_min(), config.concentration_max(),
                "ug/m3");
        PlausibleRange temperature = new PlausibleRange(config.temperature_min(), config.temperature_max(), "Cel");
        PlausibleRange humidity = new PlausibleRange(config.humidity_min(), config.humidity_max(), "%RH");
        for (AirChannel c : AirChannel.values()) {
            PlausibleRange range = switch (c) {
                case TEMPERATURE -> temperature;
                case HUMIDITY -> humidity;
                default -> concentration;
            };
            checks.put(c, new ChannelCheck(c, range, config.stuck_samples(), MeanWindow.longest()));
        }
        this.means = new PollutantMeans(period, share(config.mean_coverage_percent()));
        List<AlertRule> rules = AlertRule.parse(config.thresholds());
        this.alerts = new ThresholdAlerts(rules, share(config.alert_hysteresis_percent()));
        this.state = measure();
        this.sampler = sampler;
        // A very fast simulated clock can make the real period round to zero, which an executor refuses.
        long realNanos = Math.max(1, time.toRealTime(period).toNanos());
        sampler.scheduleAtFixedRate(this::sampleSafely, realNanos, realNanos, TimeUnit.NANOSECONDS);
        AirState first = state;
        LOG.info("Air quality samples {} every {} s of post time, alerts {}; first sample: EAQI {}, valid {}",
                safeChannels(), period.toSeconds(), rules, first.eaqi(), first.report().values().keySet());
    }

    @Deactivate
    void deactivate() {
        sampler.shutdownNow();
    }

    @Override
    public Optional<AirQualityReport> latest() {
        return Optional.of(state.report());
    }

    @Override
    public Subscription onReport(Consumer<AirQualityReport> listener) {
        reportListeners.add(listener);
        return () -> reportListeners.remove(listener);
    }

    /** @return the outcome of the latest sample */
    AirState state() {
        return state;
    }

    /**
     * @param listener called with the outcome of each sample, from the sampling thread; returns quickly
     * @return the subscription that removes it
     */
    Subscription onState(Consumer<AirState> listener) {
        stateListeners.add(listener);
        return () -> stateListeners.remove(listener);
    }

    /** Takes a sample now and tells the listeners; the sampling thread calls it every period. */
    void sample() {
        AirState previous;
        AirState next;
        synchronized (this) {
            previous = state;
            next = measure();
            state = next;
        }
        logChanges(previous, next);
        tell(stateListeners, next);
        tell(reportListeners, next.report());
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.error("Air quality sampling failed: {}", e.toString());
        }
    }

    /** Reads the sensor and works out the new state. Called under the lock, or from the constructor. */
    private AirState measure() {
        Map<AirChannel, ChannelReading> readings = new EnumMap<>(AirChannel.class);
        Set<AirChannel> present = null;
        Instant at;
        try {
            present = sensor.channels();
            AirSample sample = sensor.sample();
            at = sample.time() != null ? sample.time() : time.now();
            for (AirChannel c : AirChannel.values()) {
                readings.put(c, judge(c, present, sample, at));
            }
        } catch (SensorException | RuntimeException e) {
            // A driver's bug is a failed sensor too: the plugin keeps running and says so.
            at = time.now();
            String reason = "the sensor cannot be read: " + (e.getMessage() != null ? e.getMessage() : e.toString());
            for (AirChannel c : AirChannel.values()) {
                boolean missing = present != null && !present.contains(c);
                readings.put(c, missing ? ChannelReading.missing(c) : ChannelReading.failed(c, reason));
            }
        }
        Map<MeanWindow, Map<Pollutant, Double>> known = means.at(at);
        return new AirState(at, readings, known, EuropeanAirQualityIndex.index(known), alerts.update(at, known));
    }

    private ChannelReading judge(AirChannel channel, Set<AirChannel> present, AirSample sample, Instant at) {
        if (!present.contains(channel)) {
            return ChannelReading.missing(channel);
        }
        Double value = sample.values().get(channel);
        if (value == null) {
            return ChannelReading.failed(channel,
                    "the sensor gave no " + ChannelReading.label(channel) + " value in its last sample");
        }
        ChannelCheck.Verdict verdict = checks.get(channel).judge(at, value);
        Pollutant.of(channel).ifPresent(p -> {
            verdict.withdrawn().forEach(t -> means.remove(p, t, value));
            if (verdict.reading().valid()) {
                means.add(p, at, value);
            }
        });
        return verdict.reading();
    }

    /** One log line per change of a channel's health or of an alert, never one per sample. */
    private static void logChanges(AirState previous, AirState next) {
        for (ChannelReading now : next.channels().values()) {
            ChannelReading before = previous.channel(now.channel());
            if (before.health() != now.health()) {
                if (now.valid()) {
                    LOG.info("Air sensor {} is ok again", ChannelReading.label(now.channel()));
                } else {
                    LOG.warn("Air sensor {} is {}: {}", ChannelReading.label(now.channel()), now.health().text(),
                            now.reason());
                }
            }
        }
        for (ThresholdAlerts.Alert a : next.alerts()) {
            if (!previous.alerts().contains(a)) {
                LOG.warn("Air quality alert: {} {} mean {} ug/m3 exceeds {} ug/m3", a.rule().pollutant().key(),
                        a.rule().window().key(), AirShown.number(Math.round(a.value() * 10) / 10.0),
                        AirShown.number(a.rule().threshold()));
            }
        }
        for (ThresholdAlerts.Alert a : previous.alerts()) {
            if (!next.alerts().contains(a)) {
                LOG.info("Air quality alert ended: {} {} mean", a.rule().pollutant().key(), a.rule().window().key());
            }
        }
    }

    /** A listener that throws is removed, so that one broken observer cannot silence the others. */
    private static <T> void tell(List<Consumer<T>> listeners, T value) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                LOG.warn("An air-quality listener failed and is removed: {}", e.toString());
                listeners.remove(listener);
            }
        }
    }

    private Object safeChannels() {
        try {
            return sensor.channels();
        } catch (RuntimeException e) {
            return "(channels unknown: " + e + ")";
        }
    }

    /** @return a configured percentage as a share between 0 and 1 */
    private static double share(double percent) {
        return Math.max(0, Math.min(100, percent)) / 100;
    }
}
