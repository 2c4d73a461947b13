package org.lampyris.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lampyris.conformance.ConformanceSuite;
import org.lampyris.conformance.Rule;
import org.lampyris.conformance.Violation;
import org.lampyris.tests.osgi.nonconforming.CaliforniumImporter;
import org.lampyris.tests.osgi.nonconforming.ThreadLeaker;
import org.lampyris.tests.osgi.nonconforming.HandWrittenJsonPoint;
import org.lampyris.tests.osgi.nonconforming.UnitlessPoint;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;

/**
 * The conformance suite a vendor runs on its plugin: our own four plugins pass every rule, and three plugins that each
 * break one rule on purpose fail it with a message that names the rule and what to do.
 */
class PluginConformanceTest {
    private static final List<String> OUR_PLUGINS = List.of("org.lampyris.dimming", "org.lampyris.airquality",
            "org.lampyris.evcharging", "org.lampyris.counting");

    @InjectBundleContext
    BundleContext context;

    private Bundle installed;

    @AfterEach
    void uninstall() throws Exception {
        ThreadLeaker.release = true;
        if (installed != null) {
            installed.uninstall();
        }
    }

    @TestFactory
    Stream<DynamicContainer> ourPluginsKeepEveryRule() {
        return OUR_PLUGINS.stream().map(bsn -> DynamicContainer.dynamicContainer(bsn,
                ConformanceSuite.forBundle(context, bsn).tests()));
    }

    @Test
    void aPluginThatImportsCaliforniumBreaksRuleOne() throws Exception {
        installed = TestBundles.install(context, "vendor.nonconforming.", CaliforniumImporter.class,
                "org.eclipse.californium.core");
        List<Violation> violations = ConformanceSuite.forBundle(context, installed.getSymbolicName())
                .check(Rule.API_IMPORTS);
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.toString())
                .startsWith("rule 1 (imports only platform API packages)")
                .contains("imports org.eclipse.californium.core").contains("publish org.lampyris.api.point.Point"));
        assertThat(ConformanceSuite.forBundle(context, installed.getSymbolicName()).check(Rule.POINT_UNITS))
                .as("its point is fine").isEmpty();
    }

    @Test
    void aPluginWhosePointHasNoUnitBreaksRuleThree() throws Exception {
        installed = TestBundles.install(context, "vendor.nonconforming.", UnitlessPoint.class);
        List<Violation> violations = ConformanceSuite.forBundle(context, installed.getSymbolicName())
                .check(Rule.POINT_UNITS);
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.toString())
                .startsWith("rule 3 (every point has a SenML unit").contains("/vendor/windy/speed")
                .contains("no unit"));
        assertThat(ConformanceSuite.forBundle(context, installed.getSymbolicName()).check(Rule.API_IMPORTS))
                .as("its imports are fine").isEmpty();
    }

    @Test
    void aPluginThatWritesItsJsonByHandBreaksRuleThreeAndIsToldToReturnTheStructure() throws Exception {
        installed = TestBundles.install(context, "vendor.nonconforming.", HandWrittenJsonPoint.class);
        List<Violation> violations = ConformanceSuite.forBundle(context, installed.getSymbolicName())
                .check(Rule.POINT_UNITS);
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.toString())
                .contains("/vendor/oldstyle/sessions declares STRUCTURED but reads TEXT")
                .contains("Reading.structured"));
    }

    @Test
    void aPluginThatLeaksAThreadBreaksRuleSeven() throws Exception {
        ThreadLeaker.release = false;
        installed = TestBundles.install(context, "vendor.nonconforming.", ThreadLeaker.class);
        List<Violation> violations = ConformanceSuite.forBundle(context, installed.getSymbolicName()).cycles(1)
                .check(Rule.LIFECYCLE);
        assertThat(violations).isNotEmpty().first().satisfies(v -> assertThat(v.toString())
                .startsWith("rule 7 (survives stop, start and update cycles")
                .contains("thread 'leaky-ticker' still runs " + ThreadLeaker.class.getName())
                .contains("@Deactivate"));
    }
}
