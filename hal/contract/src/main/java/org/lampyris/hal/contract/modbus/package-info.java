/**
 * A Modbus TCP device on loopback played by Debian's pymodbus, loaded with a device profile's register map: what a
 * driver's contract tests and a new profile's tests run against when there is no hardware.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lampyris.hal.contract.modbus;
