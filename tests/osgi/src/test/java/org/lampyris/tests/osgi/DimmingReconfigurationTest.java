package org.lampyris.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.lighting.LightingControl;
import org.lampyris.hal.Subscription;
import org.lampyris.hal.luminaire.Luminaire;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * An engineer changes the dimming plugin's settings: the new settings apply in place, the lighting capability never
 * goes away, so the fail-safe never takes the light for a settings change, and an operator's level stays in force.
 */
class DimmingReconfigurationTest {
    private static final double FAIL_SAFE = 37;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    Luminaire luminaire;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    @InjectService
    ServiceComponentRuntime scr;

    private CoapTestClient coap;
    private Dictionary<String, Object> dimmingBefore;
    private Dictionary<String, Object> failSafeBefore;

    @BeforeEach
    void setUp() throws Exception {
        coap = PostEndpoint.engineer(context);
        dimmingBefore = configurationAdmin.getConfiguration("org.lampyris.dimming", "?").getProperties();
        failSafeBefore = configurationAdmin.getConfiguration("org.lampyris.failsafe", "?").getProperties();
        // a fail-safe level nothing else uses, so that a take-over by the fail-safe shows in the lamp's levels
        update("org.lampyris.failsafe", "level", FAIL_SAFE);
        Await.until("the level point is published", () -> coap.get("/light/level").getCode() == ResponseCode.CONTENT);
    }

    @AfterEach
    void tearDown() throws Exception {
        configurationAdmin.getConfiguration("org.lampyris.dimming", "?").update(dimmingBefore);
        configurationAdmin.getConfiguration("org.lampyris.failsafe", "?").update(failSafeBefore);
        coap.close();
    }

    @Test
    void aNewDimmingSettingAppliesInPlaceWithoutTheFailSafeTakingTheLight() throws Exception {
        assertThat(coap.put("/light/level", "20").getCode()).isEqualTo(ResponseCode.CHANGED);
        Await.until("the lamp is dimmed to 20 %", () -> luminaire.state().targetLevel() == 20);
        ServiceReference<LightingControl> before = context.getServiceReference(LightingControl.class);
        long componentBefore = dimmerComponent().id;
        List<Double> levels = new CopyOnWriteArrayList<>();
        Subscription watch = luminaire.onChange(state -> levels.add(state.targetLevel()));
        try {
            update("org.lampyris.dimming", "boost.level", 90.0);
            update("org.lampyris.dimming", "profile", new String[] { "21:00=40", "05:00=100" });
            // the same component instance received the new settings: it was modified, not re-created
            Await.until("the settings reached the plugin", () -> "[21:00=40, 05:00=100]".equals(java.util.Arrays
                    .toString((String[]) dimmerComponent().properties.get("profile"))));
            assertThat(dimmerComponent().id).isEqualTo(componentBefore);
            Thread.sleep(300); // a few evaluation periods, in which a flash to the fail-safe level would show

            assertThat(levels).as("levels the lamp was set to").doesNotContain(FAIL_SAFE);
            ServiceReference<LightingControl> after = context.getServiceReference(LightingControl.class);
            assertThat(after.getProperty(Constants.SERVICE_ID)).isEqualTo(before.getProperty(Constants.SERVICE_ID));
            assertThat(luminaire.state().targetLevel()).as("the operator's level holds").isEqualTo(20.0);
            assertThat(coap.get("/light/level").getResponseText()).isEqualTo("20");
        } finally {
            watch.close();
        }
    }

    @Test
    void aMalformedProfileIsRefusedAndThePreviousSettingsStayInForce() throws Exception {
        ServiceReference<LightingControl> before = context.getServiceReference(LightingControl.class);
        List<Double> levels = new CopyOnWriteArrayList<>();
        Subscription watch = luminaire.onChange(state -> levels.add(state.targetLevel()));
        try {
            update("org.lampyris.dimming", "profile", new String[] { "25:99=abc" });
            Thread.sleep(300);
            assertThat(levels).doesNotContain(FAIL_SAFE);
            assertThat(context.getServiceReference(LightingControl.class).getProperty(Constants.SERVICE_ID))
                    .isEqualTo(before.getProperty(Constants.SERVICE_ID));
            assertThat(coap.put("/light/level", "35").getCode()).isEqualTo(ResponseCode.CHANGED);
            Await.until("the plugin still drives the lamp", () -> luminaire.state().targetLevel() == 35);
        } finally {
            watch.close();
        }
    }

    private ComponentConfigurationDTO dimmerComponent() {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.name.equals("org.lampyris.dimming.Dimmer")) {
                return scr.getComponentConfigurationDTOs(description).stream()
                        .filter(c -> c.state == ComponentConfigurationDTO.ACTIVE).findFirst()
                        .orElseThrow(() -> new AssertionError("the dimmer is not active"));
            }
        }
        throw new AssertionError("no dimmer component");
    }

    private void update(String pid, String key, Object value) throws Exception {
        Configuration config = configurationAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> props = config.getProperties();
        Hashtable<String, Object> next = new Hashtable<>();
        if (props != null) {
            for (String k : java.util.Collections.list(props.keys())) {
                next.put(k, props.get(k));
            }
        }
        next.put(key, value);
        config.update(next);
    }
}
