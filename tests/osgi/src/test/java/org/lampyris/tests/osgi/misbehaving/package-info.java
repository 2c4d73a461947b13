/**
 * Deliberately misbehaving plugins. {@code MisbehavingPluginsTest} packs each class into a bundle of its own at run
 * time, so that the platform can quarantine it without touching the test bundle.
 */
package org.lampyris.tests.osgi.misbehaving;
