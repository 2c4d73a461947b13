/**
 * Electric-vehicle supply equipment (IEC 61851): connection state, maximum current, meter and connector lock.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lampyris.hal.ev;
