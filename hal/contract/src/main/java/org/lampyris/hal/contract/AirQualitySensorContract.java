package org.lampyris.hal.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.lampyris.hal.air.AirChannel;
import org.lampyris.hal.air.AirQualitySensor;
import org.lampyris.hal.air.AirSample;
import org.lampyris.hal.air.SensorException;

/**
 * What every {@link AirQualitySensor} must do, the simulator's and every driver's alike: a fixed set of channels, a
 * sample holding a plausible value of each channel and of no other, a channel that cannot be read missing rather than
 * zero, a sensor that cannot be read throwing with the reason rather than giving old air, sampling that never blocks,
 * and nothing left running once the driver is released.
 * <p>
 * A driver's test extends this class and says how to make a sensor ({@link #newSensor}), release it ({@link
 * #release}) and let time pass ({@link #letTimePass}). Where it can, it also says how to change a reading ({@link
 * #changeReading}), fail one channel ({@link #failChannel}), make the device unreachable and reachable again ({@link
 * #makeUnreachable}, {@link #makeReachable}) or make a sensor that cannot be read at all ({@link #newBrokenSensor});
 * each test that needs what an implementation cannot do is skipped, saying so.
 */
public abstract class AirQualitySensorContract {
    /** How often the suite looks at the sensor while it waits. */
    protected static final Duration STEP = Duration.ofMillis(20);

    private final List<AirQualitySensor> made = new ArrayList<>();

    /** Makes a sensor for one test: reachable, every channel it has readable. The suite releases it. */
    protected abstract AirQualitySensor newSensor() throws Exception;

    /** Releases a sensor as its component's deactivation does: its threads end. */
    protected abstract void release(AirQualitySensor sensor) throws Exception;

    /** Lets a span of post time pass: the simulator advances its manual clock, a real device's driver waits. */
    protected abstract void letTimePass(Duration span) throws Exception;

    /** @return how long a change of the device may take to show in a sample: zero for the simulator */
    protected Duration settleTime() {
        return Duration.ZERO;
    }

    /** Makes the device read a value on a channel; the default skips the test. */
    protected void changeReading(AirQualitySensor sensor, AirChannel channel, double value) throws Exception {
        Assumptions.abort("the readings of this sensor cannot be set by a test");
    }

    /** Makes one channel of the device unreadable (a float register holding NaN); the default skips the test. */
    protected void failChannel(AirQualitySensor sensor, AirChannel channel) throws Exception {
        Assumptions.abort("a channel of this sensor cannot be made to fail by a test");
    }

    /** Makes the device stop answering; the default skips the test (the simulator is always reachable). */
    protected void makeUnreachable(AirQualitySensor sensor) throws Exception {
        Assumptions.abort("this sensor is always reachable");
    }

    /** Makes the device answer again after {@link #makeUnreachable}. */
    protected void makeReachable(AirQualitySensor sensor) throws Exception {
        Assumptions.abort("this sensor is always reachable");
    }

    /** Makes a sensor that cannot be read at all (the suite releases it); the default skips the test. */
    protected AirQualitySensor newBrokenSensor() throws Exception {
        return Assumptions.abort("this implementation cannot make a broken sensor");
    }

    @AfterEach
    void releaseEverythingMade() throws Exception {
        for (AirQualitySensor s : made) {
            release(s);
        }
        made.clear();
    }

    /** @return a sensor that the suite releases after the test */
    protected final AirQualitySensor sensor() throws Exception {
        AirQualitySensor s = newSensor();
        assertNotNull(s, "newSensor made no sensor");
        made.add(s);
        return s;
    }

    @Test
    void itHasAFixedSetOfChannelsThatCallersCannotChange() throws Exception {
        AirQualitySensor s = sensor();
        Set<AirChannel> channels = s.channels();
        assertFalse(channels == null || channels.isEmpty(), "a sensor measures something: " + channels);
        assertEquals(channels, s.channels(), "the channels do not change");
        assertThrows(UnsupportedOperationException.class, () -> channels.add(AirChannel.PM1), "channels() is "
                + "unmodifiable");
    }

    @Test
    void aSampleHoldsAPlausibleValueOfEachChannelAndOfNoOther() throws Exception {
        AirQualitySensor s = sensor();
        AirSample sample = awaitSample(s, "a value of every channel", x -> x.values().keySet().equals(s.channels()));
        assertNotNull(sample.time(), "the sample says when it was taken");
        assertThrows(UnsupportedOperationException.class, () -> sample.values().put(AirChannel.NO2, 1.0),
                "a sample is a snapshot");
        for (Map.Entry<AirChannel, Double> e : sample.values().entrySet()) {
            double v = e.getValue();
            assertTrue(Double.isFinite(v), e.getKey() + " is a number: " + sample);
            switch (e.getKey()) {
                case TEMPERATURE -> assertTrue(v >= -60 && v <= 70, "a street's temperature in Cel: " + sample);
                case HUMIDITY -> assertTrue(v >= 0 && v <= 100, "relative humidity in %RH: " + sample);
                default -> assertTrue(v >= 0, "a concentration is never negative: " + sample);
            }
        }
    }

    @Test
    void aChangedReadingShowsInALaterSample() throws Exception {
        AirQualitySensor s = sensor();
        AirChannel channel = s.channels().contains(AirChannel.NO2) ? AirChannel.NO2 : s.channels().iterator().next();
        changeReading(s, channel, 42.5);
        awaitSample(s, channel + " reading 42.5", x -> x.value(channel).orElse(Double.NaN) == 42.5);
        changeReading(s, channel, 17.25);
        awaitSample(s, channel + " reading 17.25", x -> x.value(channel).orElse(Double.NaN) == 17.25);
    }

    @Test
    void aChannelThatCannotBeReadIsMissingFromTheSampleNotZero() throws Exception {
        AirQualitySensor s = sensor();
        AirChannel channel = s.channels().contains(AirChannel.PM2_5) ? AirChannel.PM2_5
                : s.channels().iterator().next();
        failChannel(s, channel);
        AirSample sample = awaitSample(s, channel + " missing", x -> x.value(channel).isEmpty());
        assertEquals(s.channels().size() - 1, sample.values().size(), "only the failed channel is missing: "
                + sample);
        assertTrue(s.channels().contains(channel), "a channel that fails for a while is still one of the sensor's");
    }

    @Test
    void anUnreachableSensorThrowsWithTheReasonNeverOldAirAndComesBack() throws Exception {
        AirQualitySensor s = sensor();
        awaitSample(s, "a first sample", x -> true);
        makeUnreachable(s);
        SensorException e = awaitUnreadable(s);
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "the exception says why");
        for (int i = 0; i < 10; i++) {
            letTimePass(STEP);
            assertTimeout(Duration.ofSeconds(1), () -> assertThrows(SensorException.class, s::sample,
                    "once unreadable, no sample until it answers"),
                    "sample() of an unreachable sensor returns at once");
        }
        makeReachable(s);
        awaitSample(s, "a sample once it answers again", x -> x.values().keySet().equals(s.channels()));
    }

    @Test
    void aSensorThatCannotBeReadAtAllThrowsWithTheReason() throws Exception {
        AirQualitySensor s = newBrokenSensor();
        made.add(s);
        SensorException e = assertThrows(SensorException.class, s::sample);
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "the exception says why");
        assertFalse(s.channels().isEmpty(), "a broken sensor still says what it would measure");
    }

    @Test
    void samplingNeverBlocks() throws Exception {
        AirQualitySensor s = sensor();
        assertTimeout(Duration.ofSeconds(1), () -> {
            for (int i = 0; i < 50; i++) {
                try {
                    s.sample();
                } catch (SensorException e) {
                    // Not read yet is an answer too; what matters is that it comes at once.
                }
            }
        }, "50 samples take no time: a sample is the last reading, never a bus transaction");
    }

    @Test
    void releasingItEndsItsThreads() throws Exception {
        Set<Thread> before = ContractSupport.liveThreads();
        AirQualitySensor s = newSensor();
        awaitSample(s, "a first sample", x -> true);
        release(s);
        ContractSupport.assertThreadsEnd(before, "the sensor");
    }

    /** Waits, letting time pass, until a sample satisfies the condition; a sample that fails counts as not yet. */
    protected final AirSample awaitSample(AirQualitySensor s, String what, Predicate<AirSample> condition)
            throws Exception {
        AirSample last = null;
        SensorException lastError = null;
        for (Duration waited = Duration.ZERO;; waited = waited.plus(STEP)) {
            try {
                last = s.sample();
                lastError = null;
                assertNotNull(last, "sample() never answers null");
                if (condition.test(last)) {
                    return last;
                }
            } catch (SensorException e) {
                lastError = e;
            }
            if (waited.compareTo(settleTime()) > 0) {
                fail("waited " + settleTime() + " for " + what + "; the last sample was " + last
                        + (lastError == null ? "" : ", then: " + lastError));
            }
            letTimePass(STEP);
        }
    }

    /** Waits, letting time pass, until sample() throws. */
    protected final SensorException awaitUnreadable(AirQualitySensor s) throws Exception {
        AirSample last = null;
        for (Duration waited = Duration.ZERO;; waited = waited.plus(STEP)) {
            try {
                last = s.sample();
            } catch (SensorException e) {
                return e;
            }
            if (waited.compareTo(settleTime()) > 0) {
                fail("waited " + settleTime() + " for the unreachable sensor to fail; it still sampled " + last);
            }
            letTimePass(STEP);
        }
    }
}
