/**
 * Threads of the platform's own bundles: {@link org.lampyris.internal.concurrent.OneThread} makes the single named
 * daemon thread a bundle's links run their timers on.
 */
package org.lampyris.internal.concurrent;
