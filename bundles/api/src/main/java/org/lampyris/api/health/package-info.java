/**
 * What the platform reports about the plugins it runs: plugins quarantined for failing again and again.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lampyris.api.health;
