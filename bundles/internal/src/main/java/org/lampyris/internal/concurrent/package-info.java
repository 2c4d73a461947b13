/**
 * Threads of the platform's own bundles: {@link org.lampyris.internal.concurrent.SharedThreads} is the timer and
 * the workers a post's components share, {@link org.lampyris.internal.concurrent.SerialScheduler} one component's
 * view of them (its tasks one at a time), and {@link org.lampyris.internal.concurrent.OneThread} the single named
 * daemon thread a link that is off by default runs its timers on.
 */
package org.lampyris.internal.concurrent;
