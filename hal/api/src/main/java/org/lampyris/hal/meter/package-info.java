/**
 * Energy meters: the power and energy of a feed, for a device that has no metering of its own (a luminaire whose
 * control gear does not report D4i energy, say).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lampyris.hal.meter;
