package org.lampyris.coap;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import org.osgi.framework.Bundle;

/**
 * What the endpoint gives every point it publishes.
 *
 * @param post who this post is, for SenML names
 * @param calls runs calls into plugins within their time budget
 * @param notifier the endpoint's single notifier thread, on which observers are notified
 * @param notifyIntervalMillis the minimum time between two notifications of one point
 * @param valueMaxAgeMillis how long a GET of an observable point is answered from the value its plugin reported
 * @param guards the quarantine's guard of each bundle's points
 */
record PointContext(PostIdentity post, PluginCalls calls, ScheduledExecutorService notifier,
        long notifyIntervalMillis, long valueMaxAgeMillis, Function<Bundle, Quarantine.Guard> guards) {
}
