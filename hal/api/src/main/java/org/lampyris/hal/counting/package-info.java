/**
 * Counting sensors: anonymous detections of pedestrians, cyclists and vehicles, never images.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.lampyris.hal.counting;
