package org.lampyris.conformance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lampyris.api.Subscription;
import org.lampyris.api.air.AirQuality;
import org.lampyris.api.charging.ChargePoint;
import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.counting.TrafficCounting;
import org.lampyris.api.counting.TrafficStatus;
import org.lampyris.api.lighting.LightingControl;
import org.lampyris.api.lighting.LightingStatus;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;

/**
 * Rule 6: a capability service keeps the promises of its API. A lighting control reports its level within 0-100 %,
 * follows a level written to its level point and reports the power it draws; a charge point never charges above its
 * limit; counts are never negative; an air quality index is a band of 1 to 6 (0 while unknown).
 */
final class CapabilityCheck {
    private static final Set<String> IEC_61851_STATES = Set.of("A", "B", "C", "D", "E", "F");
    private static final long FOLLOW_MILLIS = 3_000;

    private CapabilityCheck() {
    }

    static List<Violation> check(List<Object> services, Map<String, Point> pointsByPath) {
        List<Violation> violations = new ArrayList<>();
        for (Object service : services) {
            try {
                if (service instanceof LightingControl lighting) {
                    lighting(lighting, pointsByPath.get(StandardPoint.LIGHT_LEVEL.path()), violations);
                }
                if (service instanceof ChargePoint charging) {
                    charging(charging.status(), violations);
                    close(charging.onChange(s -> { }), "ChargePoint.onChange", violations);
                }
                if (service instanceof TrafficCounting counting) {
                    counting(counting.status(), violations);
                    close(counting.onChange(s -> { }), "TrafficCounting.onChange", violations);
                }
                if (service instanceof AirQuality air) {
                    air.latest().ifPresent(report -> {
                        if (report.eaqi() < 0 || report.eaqi() > 6) {
                            violations.add(violation("AirQuality reports the index band " + report.eaqi()
                                    + "; bands are 1 to 6, 0 while unknown"));
                        }
                    });
                    close(air.onReport(r -> { }), "AirQuality.onReport", violations);
                }
            } catch (RuntimeException e) {
                violations.add(violation(service.getClass().getName() + " throws " + e + " from its capability"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return violations;
    }

    private static void lighting(LightingControl lighting, Point level, List<Violation> violations)
            throws InterruptedException {
        checkStatus(lighting.status(), violations);
        close(lighting.onChange(s -> { }), "LightingControl.onChange", violations);
        if (level == null) {
            violations.add(violation("provides LightingControl but publishes no " + StandardPoint.LIGHT_LEVEL.path()
                    + " point, so nobody can dim it"));
            return;
        }
        Reading before;
        try {
            before = level.read();
        } catch (Exception e) {
            violations.add(violation(StandardPoint.LIGHT_LEVEL.path() + " cannot be read: " + e));
            return;
        }
        try {
            level.write(Reading.of(40, Instant.now()));
            LightingStatus status = awaitLevel(lighting, 40);
            if (Math.abs(status.level() - 40) > 0.5) {
                violations.add(violation("after 40 % was written to " + StandardPoint.LIGHT_LEVEL.path()
                        + " LightingControl.status() still reports " + status.level() + " %"));
            } else if (!(status.powerWatts() > 0)) {
                violations.add(violation("at 40 % LightingControl.status() reports " + status.powerWatts()
                        + " W; report the power the luminaire draws"));
            }
        } catch (Exception e) {
            violations.add(violation("writing 40 % to " + StandardPoint.LIGHT_LEVEL.path() + " failed: " + e));
        } finally {
            try {
                level.write(before);
            } catch (Exception e) {
                violations.add(violation("writing back " + before.text() + " % failed: " + e));
            }
        }
    }

    private static LightingStatus awaitLevel(LightingControl lighting, double level) throws InterruptedException {
        long deadline = System.currentTimeMillis() + FOLLOW_MILLIS;
        LightingStatus status = lighting.status();
        while (Math.abs(status.level() - level) > 0.5 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            status = lighting.status();
        }
        return status;
    }

    private static void checkStatus(LightingStatus status, List<Violation> violations) {
        if (status.level() < 0 || status.level() > 100) {
            violations.add(violation("LightingControl reports the level " + status.level() + " %; clamp to 0-100"));
        }
        if (status.powerWatts() < 0 || status.energyWattHours() < 0) {
            violations.add(violation("LightingControl reports negative power or energy: " + status));
        }
    }

    private static void charging(ChargePointStatus status, List<Violation> violations) {
        if (!IEC_61851_STATES.contains(status.state())) {
            violations.add(violation("ChargePoint reports the state '" + status.state() + "'; IEC 61851 has A-F"));
        }
        if (status.currentAmps() < 0 || status.currentAmps() > status.limitAmps() + 0.5) {
            violations.add(violation("ChargePoint charges " + status.currentAmps() + " A with a limit of "
                    + status.limitAmps() + " A"));
        }
        if (status.powerWatts() < 0 || status.energyWattHours() < 0) {
            violations.add(violation("ChargePoint reports negative power or energy: " + status));
        }
    }

    private static void counting(TrafficStatus status, List<Violation> violations) {
        if (status.present() < 0 || status.pedestrians() < 0 || status.cyclists() < 0 || status.vehicles() < 0) {
            violations.add(violation("TrafficCounting reports a negative count: " + status));
        }
    }

    private static void close(Subscription subscription, String what, List<Violation> violations) {
        if (subscription == null) {
            violations.add(violation(what + " returned no subscription"));
        } else {
            subscription.close();
            subscription.close(); // closing twice is harmless, says the API
        }
    }

    private static Violation violation(String detail) {
        return new Violation(Rule.CAPABILITY_CONTRACT, detail);
    }
}
