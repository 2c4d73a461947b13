/**
 * Hardware abstraction layer: what a lamp post's hardware can do, vendor-neutral. Hardware vendors implement these interfaces as OSGi services; the simulator is one implementation and the default.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.lampyris.hal;
