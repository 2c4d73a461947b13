package org.lampyris.management.bundles;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lampyris.api.management.ManagementRequest;
import org.lampyris.api.management.ManagementResource;
import org.lampyris.api.management.ManagementResponse;
import org.lampyris.internal.json.Json;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * {@code /mgmt/security/trust}: the code-signing authorities the post trusts (GET: subject, SHA-256 fingerprint,
 * not-after), and their replacement by PUT of a signed JAR holding the new trust store (see
 * {@link TrustReplacement}). Only the trust store of the data directory is replaced here; one named by
 * {@code trust.file} in {@code conf/}, or a development post's, is changed where it is defined.
 */
@Component(configurationPid = ManagementConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = ManagementResource.NAME + "=security/trust")
public class TrustResource implements ManagementResource {
    private final CodeSigningTrust trust;
    private final TrustReplacement replacement;

    @Activate
    public TrustResource(BundleContext context, ManagementConfig config) throws IOException {
        this.trust = CodeSigningTrust.of(context, config);
        this.replacement = new TrustReplacement(trust.check());
    }

    @Override
    public ManagementResponse handle(ManagementRequest request) throws Exception {
        if (!request.path().isEmpty()) {
            return ManagementResponse.text(404, "no such resource: /mgmt/security/trust has nothing below it");
        }
        switch (request.method()) {
        case "GET":
            return ManagementResponse.json(205, Json.write(describe(replacement.authorities())));
        case "PUT":
            if (trust.source() != CodeSigningTrust.Source.DATA) {
                return ManagementResponse.text(409, "this post's trust store " + trust.check().trustFile()
                        + (trust.source() == CodeSigningTrust.Source.CONFIGURATION
                                ? " is named by trust.file in conf/org.lampyris.management.cfg: change it there"
                                : " is the public development authority of a development post (--dev); a street post's "
                                        + "is replaced here"));
            }
            if (request.body().length == 0) {
                return ManagementResponse.text(400, "PUT the new trust store as a JAR signed with jarsigner, holding "
                        + TrustReplacement.ENTRY + " (lampctl trust sign, then lampctl trust replace)");
            }
            try {
                TrustReplacement.Replaced replaced = replacement.replace(request.body(), request.identity());
                Map<String, Object> json = describe(replaced.authorities());
                json.put("signer", replaced.signer());
                json.put("first", replaced.first());
                return ManagementResponse.json(replaced.first() ? 201 : 204, Json.write(json));
            } catch (Refusal r) {
                return ManagementResponse.text(switch (r.cause()) {
                case UNTRUSTED -> 403;
                case CANNOT_CHECK -> 500;
                default -> 400;
                }, "trust store refused, nothing changed: " + r.getMessage());
            }
        default:
            return ManagementResponse.text(405, request.method() + " is not allowed on /mgmt/security/trust (GET, PUT)");
        }
    }

    private Map<String, Object> describe(List<TrustReplacement.Authority> authorities) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", trust.source().label());
        json.put("file", trust.check().trustFile().toString());
        json.put("replaceable", trust.source() == CodeSigningTrust.Source.DATA);
        json.put("provisioned", trust.check().provisioned());
        json.put("authorities", authorities.stream().map(a -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("subject", a.subject());
            one.put("sha256", a.sha256());
            one.put("notAfter", a.notAfter());
            return one;
        }).toList());
        return json;
    }
}
