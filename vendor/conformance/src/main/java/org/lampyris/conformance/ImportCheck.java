package org.lampyris.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/** Rule 1: a plugin sees the platform only through its API, and no other vendor at all. */
final class ImportCheck {
    private static final Pattern PACKAGE = Pattern.compile("\\(osgi\\.wiring\\.package=([^)]+)\\)");

    private ImportCheck() {
    }

    static List<Violation> check(Bundle bundle) {
        List<Violation> violations = new ArrayList<>();
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        List<String> exported = new ArrayList<>();
        revision.getDeclaredCapabilities(BundleRevision.PACKAGE_NAMESPACE)
                .forEach(c -> exported.add(String.valueOf(c.getAttributes().get(BundleRevision.PACKAGE_NAMESPACE))));
        for (BundleRequirement requirement : revision.getDeclaredRequirements(BundleRevision.PACKAGE_NAMESPACE)) {
            Matcher m = PACKAGE.matcher(String.valueOf(requirement.getDirectives().get("filter")));
            if (m.find()) {
                String name = m.group(1);
                String problem = exported.contains(name) ? null : problem(name);
                if (problem != null) {
                    violations.add(new Violation(Rule.API_IMPORTS, "imports " + name + ": " + problem));
                }
            }
        }
        String dynamic = bundle.getHeaders("").get(Constants.DYNAMICIMPORT_PACKAGE);
        if (dynamic != null && !dynamic.isBlank()) {
            violations.add(new Violation(Rule.API_IMPORTS, "has DynamicImport-Package: " + dynamic
                    + "; import the API packages it needs by name"));
        }
        return violations;
    }

    /** @return why a package may not be imported, or null when it may */
    static String problem(String name) {
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("org.osgi.")
                || name.equals("org.slf4j") || in(name, "org.lampyris.api")) {
            return null;
        }
        if (in(name, "org.lampyris.hal")) {
            return in(name, "org.lampyris.hal.sim") ? "the simulator is not an API; use org.lampyris.hal" : null;
        }
        if (in(name, "org.eclipse.californium")) {
            return "Californium belongs to the platform; publish org.lampyris.api.point.Point services and the "
                    + "platform serves them over CoAP";
        }
        if (in(name, "org.apache.felix")) {
            return "Felix internals change without notice; use the OSGi specification packages (org.osgi.*)";
        }
        if (in(name, "org.lampyris")) {
            return "a platform internal, not an API; only org.lampyris.api.* and org.lampyris.hal are";
        }
        return "neither a platform API nor a Java or OSGi package; a library you need goes inside your bundle "
                + "(bnd -conditionalpackage), another vendor's package never";
    }

    private static boolean in(String name, String root) {
        return name.equals(root) || name.startsWith(root + ".");
    }
}
