package org.lampyris.ocpp;

import org.lampyris.api.charging.ChargePointStatus;

/**
 * Turns a charge point's IEC 61851 state into the OCPP 1.6 connector status and error code of a
 * StatusNotification (OCPP 1.6, 4.9 and 7.6/7.7).
 */
final class StatusMapping {

    /**
     * A connector status as a StatusNotification tells it.
     *
     * @param status the OCPP ChargePointStatus
     * @param errorCode the OCPP ChargePointErrorCode
     * @param info what the post knows about a fault; null for none
     */
    record Connector(String status, String errorCode, String info) {
    }

    private StatusMapping() {
    }

    /**
     * @param s the charge point's status
     * @param previous the status told before, or null: a vehicle still connected after its session is Finishing
     * @param operative whether the charge point is in service: out of service it is Unavailable, unless faulted
     * @return the connector status to tell the CSMS
     */
    static Connector of(ChargePointStatus s, String previous, boolean operative) {
        boolean session = s.session() != null;
        if (!operative && !session && !s.state().equals("E") && !s.state().equals("F")) {
            return new Connector("Unavailable", "NoError", null);
        }
        return switch (s.state()) {
            case "A" -> new Connector("Available", "NoError", null);
            case "B" -> {
                if (session) {
                    yield new Connector(s.limitAmps() > 0 ? "SuspendedEV" : "SuspendedEVSE", "NoError", null);
                }
                boolean after = previous != null && (previous.equals("Charging") || previous.startsWith("Suspended")
                        || previous.equals("Finishing"));
                yield new Connector(after ? "Finishing" : "Preparing", "NoError", null);
            }
            case "C", "D" -> session ? new Connector("Charging", "NoError", null)
                    : new Connector("Preparing", "NoError", null);
            case "E" -> new Connector("Faulted", "EVCommunicationError",
                    "IEC 61851 state E: control pilot short-circuited or no supply");
            case "F" -> new Connector("Faulted", "InternalError", "IEC 61851 state F: the EVSE reports a fault");
            default -> new Connector("Faulted", "OtherError", "unknown IEC 61851 state " + s.state());
        };
    }
}
