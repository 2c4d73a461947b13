package org.lampyris.hal.counting;

import java.util.function.Consumer;

import org.lampyris.hal.Subscription;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A sensor that detects road users near the post (radar, thermal, passive infrared). It reports anonymous
 * detections only: a class, a direction and a time, never an image.
 */
@ProviderType
public interface CountingSensor {

    /** @return how many road users are within the sensor's field right now */
    int present();

    /**
     * Registers a listener for detections. Called on a driver thread; must return quickly.
     *
     * @param listener receives each detection
     * @return the subscription to close when no longer interested
     */
    Subscription onDetection(Consumer<Detection> listener);
}
