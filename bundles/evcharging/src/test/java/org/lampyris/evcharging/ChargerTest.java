package org.lampyris.evcharging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.charging.Session;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.Reading;
import org.lampyris.hal.ev.EvseInfo;
import org.lampyris.hal.ev.EvseState;
import org.lampyris.hal.ev.EvseStatus;
import org.lampyris.testkit.ManualTime;

class ChargerTest {
    static final String CARD = "04A1B2C3";

    @TempDir
    Path dir;

    final ManualTime time = ManualTime.at("2026-12-21T17:00:00Z");
    final FakeEvse evse = new FakeEvse(time);
    final FakeConfigurationAdmin configurationAdmin = new FakeConfigurationAdmin();
    private final List<Charger> chargers = new ArrayList<>();

    /** A configuration with the given values and the declared defaults for the rest, as DS builds it. */
    static EvChargingConfig config(Map<String, Object> values) {
        return (EvChargingConfig) Proxy.newProxyInstance(EvChargingConfig.class.getClassLoader(),
                new Class<?>[] { EvChargingConfig.class }, (p, m, a) -> {
                    if (m.getName().equals("poll_seconds") && !values.containsKey("poll_seconds")) {
                        return 3600L; // the tests poll explicitly
                    }
                    return values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue();
                });
    }

    private Charger charger(Map<String, Object> config) {
        return charger(evse, config);
    }

    private Charger charger(FakeEvse equipment, Map<String, Object> config) {
        Charger c = new Charger(equipment, time, configurationAdmin.admin(), config(config),
                dir.resolve(Charger.SESSIONS_FILE), dir.resolve(Charger.AVAILABILITY_FILE));
        // The charger decides on its own thread: each change of the equipment is followed by its decision.
        equipment.settle = c::settle;
        chargers.add(c);
        return c;
    }

    @AfterEach
    void tearDown() {
        chargers.forEach(Charger::deactivate);
    }

    @Test
    void anAuthorisedVehicleChargesAndItsSessionRecordsEnergyAndDurationWhenUnplugged() throws Exception {
        Charger charger = charger(Map.of());
        assertThat(charger.status().state()).isEqualTo("A");
        evse.plugIn();
        assertThat(charger.status().state()).as("connected, not authorised").isEqualTo("B");
        assertThat(evse.offered).isZero();

        String answer = new SessionsPoint(charger).post(Reading.of(CARD, time.now())).text();
        assertThat(answer).startsWith("{\"id\":1,\"identifier\":\"04A1B2C3\",\"start\":\"2026-12-21T17:00:00Z\"")
                .contains("\"energyWh\":0");
        // No lighting capability: the 150 W reserve leaves (7400 - 150) / 230 = 31.5 A.
        assertThat(evse.offered).isEqualTo(31.5);
        assertThat(evse.locked).isTrue();
        assertThat(evse.commands).as("locked before current is offered").containsSubsequence("lock", "31.5 A");
        assertThat(charger.status().state()).isEqualTo("C");

        evse.charge(Duration.ofMinutes(90));
        evse.charge(Duration.ofMinutes(30));
        evse.unplug();
        assertThat(charger.status().state()).isEqualTo("A");
        assertThat(evse.offered).as("no current for the next vehicle until it is authorised").isZero();
        // 31.5 A x 230 V x 2 h = 14,490 Wh
        assertThat(charger.sessions().get().text()).isEqualTo("{\"running\":null,\"recent\":[{\"id\":1,"
                + "\"identifier\":\"04A1B2C3\",\"start\":\"2026-12-21T17:00:00Z\",\"end\":\"2026-12-21T19:00:00Z\","
                + "\"durationSeconds\":7200,\"energyWh\":14490,\"reason\":\"unplugged\"}]}");
    }

    @Test
    void theRunningSessionShowsTheEnergyDeliveredSoFar() throws Exception {
        Charger charger = charger(Map.of("limit_amps", 10.0));
        evse.plugIn();
        charger.authorise(CARD);
        evse.charge(Duration.ofMinutes(30));
        // 10 A x 230 V x 0.5 h = 1,150 Wh
        assertThat(charger.sessions().get().text()).startsWith("{\"running\":{\"id\":1,").contains(
                "\"energyWh\":1150}");
        assertThat(charger.status()).extracting(ChargePointStatus::currentAmps, ChargePointStatus::limitAmps,
                ChargePointStatus::powerWatts, ChargePointStatus::energyWattHours).containsExactly(10.0, 10.0,
                        2300.0, 1150.0);
    }

    @Test
    void theCapabilityTellsTheRunningSessionAndHowTheLastOneEndedAndLetsAClientStartAndStopOne()
            throws Exception {
        Charger charger = charger(Map.of("limit_amps", 10.0));
        evse.plugIn();
        assertThat(charger.status().session()).isNull();
        org.lampyris.api.charging.Session started = charger.start(CARD);
        assertThat(started.identifier()).isEqualTo(CARD);
        assertThat(started.running()).isTrue();
        evse.charge(Duration.ofMinutes(30));
        assertThat(charger.status().session()).extracting(org.lampyris.api.charging.Session::id,
                org.lampyris.api.charging.Session::energyWattHours).containsExactly(started.id(), 1150.0);

        org.lampyris.api.charging.Session stopped = charger.stop();
        assertThat(stopped.reason()).isEqualTo(org.lampyris.api.charging.SessionEnd.STOPPED);
        assertThat(charger.status().session()).isNull();
        assertThat(charger.status().lastEnded()).isEqualTo(stopped);
        assertThat(stopped.endMeterWattHours()).isEqualTo(charger.status().energyWattHours());
    }

    @Test
    void aBackOfficeLimitLowersTheCurrentButNeverTakesTheLightingsReserve() throws Exception {
        Charger charger = charger(Map.of());
        evse.plugIn();
        charger.start(CARD);
        assertThat(evse.offered).isEqualTo(31.5);
        charger.setBackOfficeLimit(10);
        assertThat(evse.offered).isEqualTo(10.0);
        assertThat(charger.ownLimitAmps()).as("the plugin's own limit, whatever the back office allows")
                .isEqualTo(31.5);
        charger.setBackOfficeLimit(40);
        assertThat(evse.offered).as("the supply left after the lighting's 150 W reserve").isEqualTo(31.5);
        charger.setBackOfficeLimit(Double.POSITIVE_INFINITY);
        assertThat(evse.offered).isEqualTo(31.5);
        assertThatThrownBy(() -> charger.setBackOfficeLimit(-1)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aBackOfficeThatRefusesAnIdentifierKeepsTheSessionFromStartingAndSaysWhy() throws Exception {
        Charger charger = charger(Map.of());
        evse.plugIn();
        charger.bindAuthoriser(id -> id.equals(CARD) ? org.lampyris.api.charging.Authorisation.accept()
                : org.lampyris.api.charging.Authorisation.refuse("blocked by the back office"));
        assertThatThrownBy(() -> charger.authorise("stolen-card")).isInstanceOf(InvalidValueException.class)
                .hasMessage("the identifier is refused: blocked by the back office");
        assertThat(evse.offered).isZero();
        charger.authorise(CARD);
        assertThat(evse.offered).isEqualTo(31.5);
    }

    @Test
    void aVehicleIsNotChargedWithoutAuthorisation() {
        Charger charger = charger(Map.of());
        evse.offered = 16; // left over by whatever ran before
        evse.plugIn();
        assertThat(evse.offered).isZero();
        assertThat(evse.locked).isFalse();
        assertThat(charger.status().state()).isEqualTo("B");
    }

    @Test
    void withFreeChargingAConnectedVehicleChargesWithoutAnIdentifier() {
        Charger charger = charger(Map.of("free_charging", true));
        evse.plugIn();
        assertThat(evse.offered).isEqualTo(31.5);
        evse.charge(Duration.ofHours(1));
        evse.unplug();
        assertThat(charger.sessions().get().text()).contains("\"identifier\":null").contains(
                "\"energyWh\":7245").contains("\"reason\":\"unplugged\"");
    }

    @Test
    void aPostedStopEndsTheSessionAndReleasesTheConnector() throws Exception {
        Charger charger = charger(Map.of());
        SessionsPoint sessions = new SessionsPoint(charger);
        evse.plugIn();
        sessions.post(Reading.of(CARD, time.now()));
        evse.charge(Duration.ofMinutes(10));
        String ended = sessions.post(Reading.of("stop", time.now())).text();
        assertThat(ended).contains("\"reason\":\"stopped\"").contains("\"durationSeconds\":600");
        assertThat(evse.offered).isZero();
        assertThat(evse.locked).isFalse();
        assertThat(evse.commands.subList(evse.commands.size() - 2, evse.commands.size()))
                .as("current withdrawn before the connector is released").containsExactly("0.0 A", "unlock");
        assertThatThrownBy(() -> sessions.post(Reading.of("stop", time.now())))
                .isInstanceOf(InvalidValueException.class).hasMessage("no charging session is running");
    }

    @Test
    void afterAStopFreeChargingWaitsForTheNextVehicle() throws Exception {
        Charger charger = charger(Map.of("free_charging", true));
        evse.plugIn();
        charger.stop();
        evse.charge(Duration.ofMinutes(5));
        assertThat(evse.offered).as("the stopped vehicle stays paused").isZero();
        evse.unplug();
        evse.plugIn();
        assertThat(evse.offered).isEqualTo(31.5);
        assertThat(charger.sessions().get().text()).contains("\"running\":{\"id\":2,");
    }

    @Test
    void aFaultEndsTheSessionSafelyAndShowsInTheState() throws Exception {
        Charger charger = charger(Map.of());
        StatePoint state = new StatePoint(charger);
        List<Reading> states = new CopyOnWriteArrayList<>();
        state.observe(states::add);
        evse.plugIn();
        charger.authorise(CARD);
        evse.charge(Duration.ofMinutes(20));
        evse.commands.clear();
        evse.fail(EvseState.F);
        assertThat(evse.commands).containsExactly("0.0 A", "unlock");
        assertThat(state.read().text()).isEqualTo("F");
        assertThat(states).extracting(Reading::text).containsExactly("B", "C", "F");
        assertThat(charger.sessions().get().text()).contains("\"running\":null").contains("\"reason\":\"fault\"")
                .contains("\"durationSeconds\":1200");
        assertThatThrownBy(() -> charger.authorise(CARD)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("state F");
        evse.recover();
        assertThat(evse.offered).as("a new session needs a new authorisation").isZero();
    }

    @Test
    void aNoPowerErrorEndsTheSessionLikeAFault() throws Exception {
        Charger charger = charger(Map.of());
        evse.plugIn();
        charger.authorise(CARD);
        evse.fail(EvseState.E);
        assertThat(evse.offered).isZero();
        assertThat(charger.status().state()).isEqualTo("E");
        assertThat(charger.sessions().get().text()).contains("\"reason\":\"fault\"");
    }

    @Test
    void anIdentifierIsRefusedWithAReasonWhenNoSessionCanStart() throws Exception {
        Charger charger = charger(Map.of());
        assertThatThrownBy(() -> charger.authorise(CARD)).hasMessageContaining("no vehicle is connected");
        evse.plugIn();
        assertThatThrownBy(() -> charger.authorise("")).hasMessageContaining("1 to 64 printable ASCII");
        assertThatThrownBy(() -> charger.authorise("x".repeat(65))).hasMessageContaining("got 65 characters");
        assertThatThrownBy(() -> charger.authorise("04A1\u0000")).hasMessageContaining("U+0000 at position 5");
        assertThatThrownBy(() -> charger.authorise("caf\u00e9")).hasMessageContaining("U+00E9");
        charger.authorise(" " + CARD + "\n");
        assertThat(charger.authorise(CARD)).as("the same identifier again answers its session")
                .containsEntry("id", 1L);
        assertThatThrownBy(() -> charger.authorise("NL-TNM-C00122045-K"))
                .hasMessageContaining("session 1 is already running");
    }

    @Test
    void withALightingCapabilityTheCurrentFollowsTheLightingPower() throws Exception {
        Charger charger = charger(Map.of());
        FakeLighting lighting = new FakeLighting(60);
        charger.bindLighting(lighting);
        evse.plugIn();
        charger.authorise(CARD);
        // (7400 - 60) / 230 = 31.9 A
        assertThat(evse.offered).isEqualTo(31.9);
        lighting.draw(1500);
        charger.settle();
        // (7400 - 1500) / 230 = 25.6 A, on the lighting's change event, without waiting for a poll
        assertThat(evse.offered).isEqualTo(25.6);
        assertThat(charger.status().limitAmps()).isEqualTo(25.6);
        lighting.draw(7000);
        charger.settle();
        assertThat(evse.offered).as("below 6 A the vehicle is paused").isZero();
        assertThat(charger.status().state()).isEqualTo("B");
        lighting.draw(0);
        charger.settle();
        assertThat(evse.offered).isEqualTo(32);
    }

    @Test
    void withoutALightingCapabilityTheConservativeReserveApplies() throws Exception {
        Charger charger = charger(Map.of("lighting_reserve_watts", 1040.0));
        FakeLighting lighting = new FakeLighting(0);
        charger.bindLighting(lighting);
        evse.plugIn();
        charger.authorise(CARD);
        assertThat(evse.offered).isEqualTo(32);
        charger.unbindLighting(lighting);
        charger.settle();
        // (7400 - 1040) / 230 = 27.65 A
        assertThat(evse.offered).isEqualTo(27.6);
        assertThat(lighting.listeners).as("no longer followed").isEmpty();
        lighting.draw(0);
        charger.settle();
        assertThat(evse.offered).isEqualTo(27.6);
    }

    @Test
    void aReplacementLightingCapabilityIsFollowedAndTheOldOneLeftAlone() throws Exception {
        Charger charger = charger(Map.of());
        FakeLighting first = new FakeLighting(100);
        FakeLighting second = new FakeLighting(1500);
        charger.bindLighting(first);
        charger.bindLighting(second);
        charger.unbindLighting(first);
        evse.plugIn();
        charger.authorise(CARD);
        assertThat(evse.offered).isEqualTo(25.6);
        assertThat(first.listeners).isEmpty();
    }

    @Test
    void aLightingCapabilityThatFailsToAnswerCountsAsAbsent() throws Exception {
        Charger charger = charger(Map.of());
        FakeLighting broken = new FakeLighting(0) {
            @Override
            public org.lampyris.api.lighting.LightingStatus status() {
                throw new IllegalStateException("stopping");
            }
        };
        charger.bindLighting(broken);
        assertThat(charger.lightingWatts()).isEqualTo(150);
    }

    @Test
    void thePollCatchesUpWithAChangeWhoseEventWasMissedAndWithTheLighting() throws Exception {
        Charger charger = charger(Map.of());
        FakeLighting lighting = new FakeLighting(60);
        charger.bindLighting(lighting);
        evse.plugIn();
        charger.authorise(CARD);
        lighting.listeners.clear(); // its events get lost
        lighting.draw(1500);
        assertThat(evse.offered).isEqualTo(31.9);
        charger.poll();
        assertThat(evse.offered).isEqualTo(25.6);

        evse.muted = true;
        evse.charge(Duration.ofHours(1));
        evse.unplug();
        assertThat(charger.sessions().get().text()).contains("\"running\":{");
        charger.poll();
        assertThat(charger.sessions().get().text()).contains("\"running\":null").contains("\"reason\":\"unplugged\"");
    }

    @Test
    void thePollSendsAgainACommandTheEquipmentDidNotFollow() throws Exception {
        Charger charger = charger(Map.of());
        evse.plugIn();
        charger.authorise(CARD);
        evse.offered = 0; // lost in a restart of the equipment's own controller
        charger.poll();
        assertThat(evse.offered).isEqualTo(31.5);
    }

    @Test
    void anOperatorCanSetALowerLimitWhichIsKeptInConfigurationAdmin() throws Exception {
        configurationAdmin.stored.put(EvChargingConfig.PID,
                new java.util.Hashtable<>(Map.of("supply.limit.watts", "7400")));
        Charger charger = charger(Map.of());
        LimitPoint limit = new LimitPoint(charger);
        List<Reading> limits = new CopyOnWriteArrayList<>();
        limit.observe(limits::add);
        evse.plugIn();
        charger.authorise(CARD);
        limit.write(Reading.of(16, time.now()));
        assertThat(evse.offered).isEqualTo(16);
        assertThat(limit.read().number()).isEqualTo(16);
        assertThat(limits).extracting(Reading::number).containsExactly(16.0);
        assertThat(configurationAdmin.stored.get(EvChargingConfig.PID)).containsEntry("limit.amps", 16.0)
                .containsEntry("supply.limit.watts", "7400");
        // Configuration Admin then reports the stored configuration back.
        charger.modified(config(Map.of("limit_amps", 16.0)));
        charger.settle();
        assertThat(limits).hasSize(1);
        assertThat(evse.offered).isEqualTo(16);
    }

    @Test
    void aLimitOutsideSixToThirtyTwoAmperesIsRefusedNamingTheRange() throws Exception {
        Charger charger = charger(Map.of());
        LimitPoint limit = new LimitPoint(charger);
        for (double bad : new double[] { 5.9, 32.5, 0, -6, Double.NaN }) {
            assertThatThrownBy(() -> charger.setLimit(bad)).isInstanceOf(InvalidValueException.class)
                    .hasMessageStartingWith("the current limit must be between 6 and 32 A, got ");
        }
        assertThatThrownBy(() -> limit.write(Reading.of(40, time.now()))).hasMessage(
                "the current limit must be between 6 and 32 A, got 40");
        assertThat(limit.read().number()).isEqualTo(32);
        assertThat(configurationAdmin.stored).isEmpty();
        charger.setLimit(6);
        charger.setLimit(32);
        assertThat(limit.read().number()).isEqualTo(32);
    }

    @Test
    void theSessionsSurviveARestartOfTheController() throws Exception {
        Charger before = charger(Map.of());
        evse.plugIn();
        before.authorise(CARD);
        evse.charge(Duration.ofHours(1));
        evse.unplug();
        before.deactivate();
        String recorded = before.sessions().get().text();

        Charger after = charger(Map.of());
        assertThat(after.sessions().get().text()).isEqualTo(recorded);
        evse.plugIn();
        assertThat(after.authorise("NL-TNM-C00122045-K")).as("ids go on").containsEntry("id", 2L);
    }

    @Test
    void aSessionRunningAtARestartResumesIfItsVehicleIsStillThere() throws Exception {
        Charger before = charger(Map.of());
        evse.plugIn();
        before.authorise(CARD);
        evse.charge(Duration.ofHours(1));
        before.deactivate();
        assertThat(evse.offered).as("nobody shares the supply while the plugin is away").isZero();
        assertThat(evse.locked).isFalse();

        time.advance(Duration.ofMinutes(5));
        Charger after = charger(Map.of());
        assertThat(evse.offered).isEqualTo(31.5);
        assertThat(evse.locked).isTrue();
        evse.charge(Duration.ofHours(1));
        evse.unplug();
        assertThat(after.sessions().get().text()).contains("\"id\":1,\"identifier\":\"04A1B2C3\"")
                .contains("\"durationSeconds\":7500").contains("\"energyWh\":14490");
    }

    @Test
    void aSessionRunningAtAPowerCutEndsAsInterruptedIfItsVehicleLeftMeanwhile() throws Exception {
        Charger before = charger(Map.of());
        evse.plugIn();
        before.authorise(CARD);
        // A power cut: no deactivation; the file still holds the session as it was when it started.
        chargers.remove(before);
        evse.listeners.clear();
        evse.charge(Duration.ofHours(1));
        evse.unplug();
        time.advance(Duration.ofHours(1));

        Charger after = charger(Map.of());
        assertThat(after.sessions().get().text()).isEqualTo("{\"running\":null,\"recent\":[{\"id\":1,"
                + "\"identifier\":\"04A1B2C3\",\"start\":\"2026-12-21T17:00:00Z\",\"end\":\"2026-12-21T17:00:00Z\","
                + "\"durationSeconds\":0,\"energyWh\":0,\"reason\":\"interrupted\"}]}");
        before.deactivate();
    }

    @Test
    void aCorruptSessionsFileIsSetAsideAndTheChargerStartsAllTheSame() throws Exception {
        Files.writeString(dir.resolve(Charger.SESSIONS_FILE), "\u0000\u0000garbage");
        Charger charger = charger(Map.of("free_charging", true));
        assertThat(charger.sessions().get().text()).isEqualTo("{\"running\":null,\"recent\":[]}");
        assertThat(dir.resolve(Charger.SESSIONS_FILE + ".corrupt-" + time.now().getEpochSecond())).exists();
        evse.plugIn();
        assertThat(evse.offered).isEqualTo(31.5);
        assertThat(Files.readString(dir.resolve(Charger.SESSIONS_FILE))).startsWith(SessionFile.HEADER);
    }

    @Test
    void onlyTheConfiguredNumberOfRecentSessionsIsKept() throws Exception {
        Charger charger = charger(Map.of("sessions_kept", 2, "free_charging", true));
        for (int i = 0; i < 3; i++) {
            evse.plugIn();
            evse.charge(Duration.ofMinutes(10));
            evse.unplug();
        }
        assertThat(charger.sessions().get().text()).contains("\"id\":3,").contains("\"id\":2,")
                .doesNotContain("\"id\":1,");
        charger.deactivate();
        assertThat(charger(Map.of("sessions_kept", 2)).sessions().get().text()).contains("\"id\":3,")
                .doesNotContain("\"id\":1,");
    }

    @Test
    void thePointsTellObserversOnlyWhenTheirOwnValueChanges() throws Exception {
        Charger charger = charger(Map.of());
        CurrentPoint current = new CurrentPoint(charger);
        EnergyPoint energy = new EnergyPoint(charger);
        PowerPoint power = new PowerPoint(charger);
        SessionsPoint sessions = new SessionsPoint(charger);
        List<Reading> currents = new CopyOnWriteArrayList<>();
        List<Reading> energies = new CopyOnWriteArrayList<>();
        List<Reading> documents = new CopyOnWriteArrayList<>();
        current.observe(currents::add);
        energy.observe(energies::add);
        sessions.observe(documents::add);
        evse.plugIn();
        charger.poll();
        charger.authorise(CARD);
        evse.charge(Duration.ofMinutes(30));
        charger.poll();
        assertThat(currents).extracting(Reading::number).containsExactly(31.5);
        assertThat(energies).extracting(Reading::number).containsExactly(3622.5);
        assertThat(power.read().number()).isEqualTo(7245);
        assertThat(documents).hasSize(2);
        current.deactivate();
        evse.unplug();
        assertThat(currents).hasSize(1);
        assertThat(sessions.read().text()).contains("\"reason\":\"unplugged\"");
    }

    @Test
    void theChargePointCapabilityReportsChanges() throws Exception {
        Charger charger = charger(Map.of());
        List<ChargePointStatus> seen = new CopyOnWriteArrayList<>();
        var subscription = charger.onChange(seen::add);
        evse.plugIn();
        charger.authorise(CARD);
        subscription.close();
        evse.unplug();
        assertThat(seen).extracting(ChargePointStatus::state).containsSubsequence("B", "C").doesNotContain("A");
        assertThat(seen.get(seen.size() - 1).limitAmps()).isEqualTo(31.5);
    }

    @Test
    void aThreePhaseChargePointIsCappedPerPhase() throws Exception {
        FakeEvse threePhase = new FakeEvse(time, new EvseInfo(6, 32, 3, 230));
        Charger charger = charger(threePhase, Map.of("supply_limit_watts", 11_040.0));
        threePhase.plugIn();
        charger.authorise(CARD);
        // (11040 - 150) / 690 = 15.78 A
        assertThat(threePhase.offered).isEqualTo(15.7);
    }

    @Test
    void aCommandTheEquipmentRefusesIsSentAgainOnceItIsReady() throws Exception {
        class BusyEvse extends FakeEvse {
            boolean busy = true;

            BusyEvse(ManualTime clock) {
                super(clock, new EvseInfo(6, 16, 1, 230));
            }

            @Override
            public void setMaxCurrent(double amps) {
                if (amps > 0 && busy) {
                    throw new IllegalStateException("busy");
                }
                super.setMaxCurrent(amps);
            }
        }
        BusyEvse busy = new BusyEvse(time);
        Charger charger = charger(busy, Map.of());
        busy.plugIn();
        charger.authorise(CARD);
        assertThat(busy.offered).isZero();
        busy.busy = false;
        charger.poll();
        assertThat(busy.offered).isEqualTo(16);
    }

    @Test
    void everyDecisionIsTakenOnTheChargersOneThreadAndNeverTwoAtOnce() throws Exception {
        class WatchedEvse extends FakeEvse {
            final Set<String> commandingThreads = ConcurrentHashMap.newKeySet();
            final AtomicInteger commanding = new AtomicInteger();
            final AtomicInteger mostAtOnce = new AtomicInteger();

            WatchedEvse(ManualTime clock) {
                super(clock);
            }

            @Override
            public void setMaxCurrent(double amps) {
                watched(() -> super.setMaxCurrent(amps));
            }

            @Override
            public void setConnectorLocked(boolean lock) {
                watched(() -> super.setConnectorLocked(lock));
            }

            private void watched(Runnable command) {
                commandingThreads.add(Thread.currentThread().getName());
                mostAtOnce.accumulateAndGet(commanding.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(0, 200_000); // widens the window in which a second decision would overlap
                    command.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    commanding.decrementAndGet();
                }
            }
        }
        WatchedEvse watched = new WatchedEvse(time);
        Charger charger = charger(watched, Map.of("free_charging", true));
        watched.settle = () -> { }; // reports come from several threads at once below
        watched.plugIn();
        EvseStatus unplugged = new EvseStatus(time.now(), EvseState.A, 0, 0, 0, 0, false);
        EvseStatus connected = new EvseStatus(time.now(), EvseState.B, 0, 0, 0, 0, false);
        List<Exception> unexpected = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int client = t;
                done.add(clients.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        EvseStatus report = i % 2 == 0 ? unplugged : connected;
                        try {
                            switch ((client + i) % 5) {
                                case 0 -> charger.authorise(CARD);
                                case 1 -> charger.stop();
                                case 2 -> charger.poll();
                                case 3 -> charger.setLimit(6 + i % 27);
                                default -> watched.listeners.forEach(l -> l.accept(report));
                            }
                        } catch (InvalidValueException refused) {
                            // no vehicle, no session, one already running: answers, not failures
                        } catch (Exception e) {
                            unexpected.add(e);
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        charger.settle();
        assertThat(unexpected).isEmpty();
        assertThat(watched.commands).as("the equipment was commanded").isNotEmpty();
        assertThat(watched.commandingThreads).containsExactly(Charger.DECISION_THREAD);
        assertThat(watched.mostAtOnce).hasValue(1);
    }

    @Test
    void outOfServiceNoSessionStartsARunningOneEndsFirstAndItStaysSoAfterARestart() throws Exception {
        Charger charger = charger(Map.of());
        evse.plugIn();
        charger.authorise(CARD);
        assertThat(charger.setOperative(false)).as("the session goes on")
                .isEqualTo(org.lampyris.api.charging.AvailabilityChange.AFTER_SESSION);
        assertThat(charger.operative()).isTrue();
        assertThat(evse.offered).isEqualTo(31.5);
        charger.stop();
        assertThat(charger.operative()).as("out of service once the session ended").isFalse();
        assertThatThrownBy(() -> charger.authorise("OTHER-CARD"))
                .hasMessageContaining("out of service (Inoperative)");
        assertThatThrownBy(() -> charger.start("OTHER-CARD")).hasMessageContaining("out of service");
        assertThat(evse.offered).isZero();
        charger.deactivate();
        chargers.remove(charger);

        Charger restarted = charger(Map.of("free_charging", true));
        assertThat(restarted.operative()).as("kept across a restart").isFalse();
        assertThat(restarted.status().session()).as("no free charging out of service").isNull();
        List<ChargePointStatus> told = new ArrayList<>();
        restarted.onChange(told::add);
        assertThat(restarted.setOperative(true)).isEqualTo(org.lampyris.api.charging.AvailabilityChange.NOW);
        assertThat(told).as("listeners hear the change").isNotEmpty();
        assertThat(restarted.operative()).isTrue();
        assertThat(restarted.status().session()).as("the waiting vehicle charges for free").isNotNull();
    }

    @Test
    void aStoppedSessionEndsWithTheMeterAsItStaysAfterTheCurrentIsCut() throws Exception {
        Charger charger = charger(Map.of("limit_amps", 10.0));
        evse.plugIn();
        charger.authorise(CARD);
        evse.charge(Duration.ofMinutes(30));
        evse.meter += 3.4; // delivered since the last report, which the charger has not seen
        Session ended = charger.stop();
        // 10 A x 230 V x 0.5 h = 1,150 Wh, and the 3.4 Wh not reported yet
        assertThat(ended.endMeterWattHours() - ended.startMeterWattHours()).isEqualTo(1153.4,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ended.endMeterWattHours()).as("what /ev/energy reads from now on").isEqualTo(evse.meter);
    }
}
