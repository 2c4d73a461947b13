package org.lampyris.api.charging;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Decides whether an identifier (an RFID card or contract id) may start a charging session: a back office, such as
 * an OCPP central system, asked online or from its local list offline. A charging plugin that finds one registered
 * asks it before it starts a session for an identifier a client presented at the post, and refuses the session with
 * the reason it gives. Sessions started through {@link ChargePoint#start} (a back office's remote start) were
 * authorised by whoever started them and are not asked about.
 *
 * @since 1.1
 */
@ProviderType
public interface SessionAuthoriser {

    /**
     * @param identifier the identifier presented, 1 to 64 printable ASCII characters
     * @return whether a session may start for it; returns within the authoriser's own time limit, answering from
     *         what it knows offline when its back office does not answer in time
     */
    Authorisation authorise(String identifier);
}
