package org.lampyris.tests.osgi.updates;

/** A Declarative Services component (declared by hand in the bundle built at run time) that cannot activate. */
public class FailingComponent {
    public void activate() {
        throw new IllegalStateException("calibration table corrupt");
    }
}
