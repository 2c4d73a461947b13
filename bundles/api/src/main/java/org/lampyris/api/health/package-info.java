/**
 * What the platform reports about the plugins it runs and its own limits: plugins quarantined for failing again and
 * again, and the figures of the DTLS connection store.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.lampyris.api.health;
