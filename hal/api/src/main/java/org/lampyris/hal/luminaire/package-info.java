/**
 * The luminaire driver: light level with fade, power, energy, lamp and control-gear failure and a DALI-style system failure level.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lampyris.hal.luminaire;
