package org.lampyris.api.lighting;

import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The lighting capability, provided by the plugin that holds the luminaire (a dimming plugin). Other plugins consume
 * it by this interface, never by bundle name: a charging plugin reads the lighting power to stay under the post's
 * supply limit.
 * <p>
 * While no service of this type is registered, the platform drives the luminaire to its fail-safe level: a lighting
 * plugin registers it only while it is actually in control of the light.
 */
@ProviderType
public interface LightingControl {

    /** @return the current light level, power and failures */
    LightingStatus status();

    /**
     * @param listener called when the status changes noticeably, from a plugin thread; returns quickly
     * @return the subscription to close when no longer interested
     */
    Subscription onChange(Consumer<LightingStatus> listener);
}
