/**
 * The lighting capability: what a dimming plugin provides to the rest of the post.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lampyris.api.lighting;
