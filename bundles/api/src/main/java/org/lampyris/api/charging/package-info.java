/**
 * The charge-point capability.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.lampyris.api.charging;
