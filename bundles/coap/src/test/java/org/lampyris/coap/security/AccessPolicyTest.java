package org.lampyris.coap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    private final AccessPolicy policy = new AccessPolicy(List.of("* /mgmt/*=engineer", "PUT /light/failsafe=engineer",
            "PUT *=operator", "POST *=operator", "GET *=reader"), true);

    @Test
    void theFirstMatchingRuleDecidesAndRolesIncludeTheLowerOnes() {
        assertThat(policy.decide("GET", "/light/level", Role.READER, true).allowed()).isTrue();
        assertThat(policy.decide("PUT", "/light/level", Role.READER, true).allowed()).isFalse();
        assertThat(policy.decide("PUT", "/light/level", Role.OPERATOR, true).allowed()).isTrue();
        assertThat(policy.decide("PUT", "/light/failsafe", Role.OPERATOR, true).reason())
                .isEqualTo("PUT /light/failsafe needs the engineer role; this identity has the operator role");
        assertThat(policy.decide("PUT", "/light/failsafe", Role.ENGINEER, true).allowed()).isTrue();
        assertThat(policy.decide("GET", "/mgmt/bundles", Role.OPERATOR, true).allowed()).isFalse();
        assertThat(policy.decide("DELETE", "/light/level", Role.OPERATOR, true).allowed())
                .as("no rule: engineer only").isFalse();
    }

    @Test
    void withoutAnIdentityOnlyReadsOutsideMgmtAreAllowedAndTheRestNeedsAuthentication() {
        assertThat(policy.decide("GET", "/light/level", null, false).allowed()).isTrue();
        AccessPolicy.Decision put = policy.decide("PUT", "/light/level", null, false);
        assertThat(put.allowed()).isFalse();
        assertThat(put.authenticate()).isTrue();
        assertThat(put.reason()).contains("operator role").contains("coaps://");
        assertThat(policy.decide("GET", "/mgmt/health", null, false).authenticate()).isTrue();
        AccessPolicy closed = new AccessPolicy(List.of("GET *=reader"), false);
        assertThat(closed.decide("GET", "/light/level", null, false).allowed()).isFalse();
        AccessPolicy.Decision noRole = policy.decide("GET", "/light/level", null, true);
        assertThat(noRole.authenticate()).as("an identity without a role is forbidden, not asked to log in")
                .isFalse();
        assertThat(noRole.reason()).contains("this identity has no role");
    }

    @Test
    void aMalformedRuleIsRefusedNamingIt() {
        assertThatThrownBy(() -> new AccessPolicy(List.of("PUT /x"), true)).hasMessageContaining("'PUT /x'");
        assertThatThrownBy(() -> new AccessPolicy(List.of("FLY /x=reader"), true))
                .hasMessageContaining("unknown method 'FLY'");
        assertThatThrownBy(() -> new AccessPolicy(List.of("GET /x=king"), true))
                .hasMessageContaining("unknown role 'king'");
    }

    @Test
    void identitiesNeverShowTheirSecrets() {
        Identities ids = Identities.parse(List.of("anna:engineer:very-secret-key", "bot:reader:hex:00112233445566778899"),
                List.of("engineer-dev:engineer"));
        assertThat(ids.toString()).contains("anna", "bot", "engineer-dev").doesNotContain("very-secret-key")
                .doesNotContain("0011");
        assertThat(ids.pskIdentities()).extracting(Identities.Psk::role).containsExactly(Role.ENGINEER, Role.READER);
        assertThatThrownBy(() -> Identities.parse(List.of("anna:engineer:short"), List.of()))
                .hasMessage("psk: the secret of 'anna' is shorter than 8 bytes");
        assertThatThrownBy(() -> Identities.parse(List.of("anna:pilot:long-enough-secret"), List.of()))
                .hasMessageContaining("'anna'").hasMessageContaining("unknown role 'pilot'")
                .hasMessageNotContaining("long-enough-secret");
    }
}
