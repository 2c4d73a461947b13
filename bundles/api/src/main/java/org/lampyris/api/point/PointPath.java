package org.lampyris.api.point;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The service property that places a {@link Point} in the post's resource tree: the service property
 * {@value #PROPERTY}, an absolute path such as {@code /light/level}. Paths of the standard vocabulary are listed in
 * {@link StandardPoint}; a vendor-specific point lives under {@code /vendor/<name>/}.
 * <p>
 * A path has one to four segments of lower-case letters, digits and {@code -}; a point whose path is invalid, or
 * already taken by another point, is not published and is reported by the platform.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface PointPath {

    /** The prefix of Lampyris service properties. */
    String PREFIX_ = "lampyris.";

    /** The name of the service property this annotation sets. */
    String PROPERTY = "lampyris.point.path";

    /** @return the absolute path of the point, for example {@code /light/level} */
    String value();
}
