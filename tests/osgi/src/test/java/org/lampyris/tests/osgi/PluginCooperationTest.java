package org.lampyris.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.Subscription;
import org.lampyris.api.charging.ChargePoint;
import org.lampyris.api.counting.TrafficCounting;
import org.lampyris.api.counting.TrafficStatus;
import org.lampyris.api.lighting.LightingControl;
import org.lampyris.hal.TimeSource;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * The plugins cooperate only through the capability services of {@code org.lampyris.api}: the dimming plugin boosts
 * on whatever counting capability is there, EV charging shares the supply with whatever lighting capability is
 * there, and each keeps working when another goes.
 */
class PluginCooperationTest {
    /** The EV charging defaults (EvChargingConfig) and the simulated charge point's (one phase of 230 V). */
    private static final double SUPPLY_LIMIT_WATTS = 7400;
    private static final double LIGHTING_RESERVE_WATTS = 150;
    private static final double VOLTS = 230;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    private final Map<String, Dictionary<String, Object>> saved = new HashMap<>();
    private CoapTestClient coap;

    @BeforeEach
    void setUp() throws Exception {
        coap = PostEndpoint.engineer(context);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String name : List.of("org.lampyris.dimming", "org.lampyris.counting")) {
            Bundle b = bundle(name);
            if (b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
        ServiceReference<?> clock = context.getServiceReference(TimeSource.class);
        Object clockId = clock == null ? null : clock.getProperty(Constants.SERVICE_ID);
        for (Map.Entry<String, Dictionary<String, Object>> e : saved.entrySet()) {
            Configuration c = configurationAdmin.getConfiguration(e.getKey(), "?");
            if (e.getValue() == null) {
                c.delete();
            } else {
                c.update(e.getValue());
            }
        }
        if (saved.containsKey("org.lampyris.hal.sim.time")) {
            // the clock, the devices and the plugins start again on the restored clock: wait for it, so that the
            // next test does not meet them half restarted
            Await.until("the restored clock is registered", () -> {
                ServiceReference<?> now = context.getServiceReference(TimeSource.class);
                return now != null && !now.getProperty(Constants.SERVICE_ID).equals(clockId);
            });
        }
        Await.until("the level point answers again", () -> ok("/light/level"));
        Await.until("the lighting plugin is in control again",
                () -> context.getServiceReference(LightingControl.class) != null);
        coap.close();
    }

    @Test
    void presenceFromAnyVendorsCountingBoostsTheLightAndTheProfileResumesAfterTheHold() throws Exception {
        // vendor 1's counting leaves; its random road users must not boost the light during the test
        bundle("org.lampyris.counting").stop();
        // a winter night, 23:30 in Amsterdam: the default profile holds 50 %
        configure("org.lampyris.dimming", Map.of("boost.hold.seconds", 1L, "boost.level", 90.0));
        configure("org.lampyris.hal.sim.time", Map.of("start", "2026-12-21T22:30:00Z", "speed", 1.0));
        // the clock, the devices and the plugins start again on the new clock
        Await.until("the post's clock is on the winter night", () -> {
            try {
                return current(TimeSource.class).now().isBefore(Instant.parse("2026-12-22T00:00:00Z"));
            } catch (IllegalStateException e) {
                return false;
            }
        });
        // The new clock restarts the simulated devices, and the dimming plugin with each of them, one after another:
        // the capability compared below is the one left when that has settled.
        long lighting = settledServiceId(LightingControl.class);
        Await.until("the night profile holds the light at 50 %", () -> level() == 50);

        // vendor 2's counting arrives; the dimming plugin knows it only as a TrafficCounting service
        FakeCounting vendor2 = new FakeCounting();
        ServiceRegistration<TrafficCounting> registration = context.registerService(TrafficCounting.class, vendor2,
                null);
        try {
            Await.until("the dimming plugin follows vendor 2's counting", () -> vendor2.listeners.size() == 1);
            vendor2.report(2);
            awaitLevel("presence boosts the light to 90 %", 90);
            vendor2.report(0);
            awaitLevel("the profile resumes after the hold", 50);
            // (the hold is 1 s of post time and the dimmer evaluates every second)
            assertThat(serviceId(LightingControl.class)).as("the lighting capability stayed the same service")
                    .isEqualTo(lighting);
        } finally {
            registration.unregister();
        }
        assertThat(vendor2.listeners).as("the dimming plugin let go of vendor 2's counting").isEmpty();
        bundle("org.lampyris.counting").start();
        Await.until("vendor 1's counting is back", () -> ok("/count/presence"));
        assertThat(serviceId(LightingControl.class)).isEqualTo(lighting);

        // vendor 1's counting plugin, on a busy street: road users seen by its sensor boost the light too
        configure("org.lampyris.hal.sim.counting", Map.of("pedestrians.per.hour", 10_000.0, "dwell.seconds", 60L));
        awaitLevel("road users counted by the counting plugin boost the light", 90);
        // Reconfiguring the simulated sensor restarts the counting plugin's components: its points are withdrawn and
        // published again, so a GET may meet the moment between (4.04) and is asked again.
        CoapResponse presence = Await.until("the counting plugin publishes presence again", Await.PATIENCE,
                () -> coap.get("/count/presence"), r -> r.getCode() == ResponseCode.CONTENT);
        assertThat(Integer.parseInt(presence.getResponseText())).isPositive();
    }

    @Test
    void withoutALightingCapabilityChargingFallsBackToTheConservativeCapAndAirQualityKeepsAnswering()
            throws Exception {
        configure("org.lampyris.evcharging", Map.of("free.charging", true));
        configure("org.lampyris.hal.sim.ev", Map.of("vehicle.connected", true, "arrivals.per.day", 0.0));
        Await.until("a vehicle charges", () -> limitAmps() > 0);
        // the conservative cap: the lighting reserve in place of the lighting's measured power, in tenths of an A
        double conservative = Math.floor((SUPPLY_LIMIT_WATTS - LIGHTING_RESERVE_WATTS) / VOLTS * 10) / 10;
        assertThat(conservative).isEqualTo(31.5);
        Await.until("with the lighting's measured power (under the reserve) the vehicle gets more",
                () -> limitAmps() > conservative);

        bundle("org.lampyris.dimming").stop();
        Await.until("without a lighting capability the cap is the conservative one",
                () -> limitAmps() == conservative);
        CoapResponse pm25 = coap.get("/air/pm25");
        assertThat(pm25.getCode()).as("air quality answers without the lighting plugin")
                .isEqualTo(ResponseCode.CONTENT);
        assertThat(Double.parseDouble(pm25.getResponseText())).isNotNegative();
        assertThat(coap.get("/ev/limit").getCode()).isEqualTo(ResponseCode.CONTENT);

        bundle("org.lampyris.dimming").start();
        Await.until("with the lighting back the cap follows its power again",
                () -> limitAmps() > conservative);
    }

    /** Another vendor's counting plugin, as small as the contract allows. */
    static final class FakeCounting implements TrafficCounting {
        final List<Consumer<TrafficStatus>> listeners = new CopyOnWriteArrayList<>();
        private volatile TrafficStatus status = new TrafficStatus(Instant.now(), 0, 0, 0, 0);

        void report(int present) {
            status = new TrafficStatus(Instant.now(), present, 0, 0, 0);
            listeners.forEach(l -> l.accept(status));
        }

        @Override
        public TrafficStatus status() {
            return status;
        }

        @Override
        public Subscription onChange(Consumer<TrafficStatus> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }

    private void configure(String pid, Map<String, Object> values) throws Exception {
        Configuration config = configurationAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> before = config.getProperties();
        saved.putIfAbsent(pid, before == null ? null : copy(before));
        Hashtable<String, Object> next = before == null ? new Hashtable<>() : copy(before);
        next.putAll(values);
        config.update(next);
    }

    private static Hashtable<String, Object> copy(Dictionary<String, Object> d) {
        Hashtable<String, Object> copy = new Hashtable<>();
        for (String key : Collections.list(d.keys())) {
            copy.put(key, d.get(key));
        }
        return copy;
    }

    /**
     * @return the service registered now: a configuration change of the simulated hardware re-creates the devices
     *         and the plugins that use them, so a service looked up once may be a stale one
     */
    private <T> T current(Class<T> type) {
        ServiceReference<T> ref = context.getServiceReference(type);
        T service = ref == null ? null : context.getService(ref);
        if (service == null) {
            throw new IllegalStateException(type.getSimpleName() + " is not registered");
        }
        return service;
    }

    /** The lamp's level at a moment of post time, as a failed wait reports it. */
    private record LampAt(double level, String postTime) {
        @Override
        public String toString() {
            return "the lamp at " + level + " % at " + postTime + " post time";
        }
    }

    private void awaitLevel(String what, double expected) throws Exception {
        Await.until(what, Await.PATIENCE, () -> new LampAt(level(), postTime()), lamp -> lamp.level() == expected);
    }

    private String postTime() {
        try {
            return current(TimeSource.class).now().toString();
        } catch (IllegalStateException restarting) {
            return "(no clock)";
        }
    }

    private double level() {
        try {
            return current(Luminaire.class).state().targetLevel();
        } catch (IllegalStateException e) {
            return Double.NaN;
        }
    }

    private double limitAmps() {
        try {
            return current(ChargePoint.class).status().limitAmps();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    /** @return the service's id once it has stayed the same for two seconds */
    private long settledServiceId(Class<?> type) throws Exception {
        long[] seen = { -1, 0 }; // the id, and since when (System.nanoTime())
        Await.until("the " + type.getSimpleName() + " service settles", Duration.ofSeconds(30), () -> {
            ServiceReference<?> ref = context.getServiceReference(type);
            long id = ref == null ? -1 : (Long) ref.getProperty(Constants.SERVICE_ID);
            if (id != seen[0]) {
                seen[0] = id;
                seen[1] = System.nanoTime();
                return false;
            }
            return id != -1 && System.nanoTime() - seen[1] >= 2_000_000_000L;
        });
        return seen[0];
    }

    private long serviceId(Class<?> type) {
        ServiceReference<?> ref = context.getServiceReference(type);
        assertThat(ref).as(type.getSimpleName()).isNotNull();
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    private boolean ok(String path) {
        return coap.answers(path);
    }

    private Bundle bundle(String symbolicName) {
        return FailSafeLightingTest.bundle(context, symbolicName);
    }
}
