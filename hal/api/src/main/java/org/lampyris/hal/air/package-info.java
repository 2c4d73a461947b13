/**
 * Air-quality sensors: particulate matter, nitrogen dioxide, ozone, temperature and humidity.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lampyris.hal.air;
