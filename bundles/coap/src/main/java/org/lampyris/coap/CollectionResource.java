package org.lampyris.coap;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.LinkFormat;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.lampyris.coap.format.MediaTypes;
import org.lampyris.coap.format.PayloadWriter;
import org.lampyris.coap.format.SenmlRecord;

/**
 * A folder of points such as {@code /light}. A GET returns every point below it as one SenML pack, or, with Accept
 * {@code application/link-format}, the links of its points. Points that fail to answer are left out of the pack; if
 * none answers, the client gets 5.03 with the points that failed.
 */
final class CollectionResource extends AnsweringResource {

    private final PostIdentity post;

    CollectionResource(String name, PostIdentity post) {
        super(name);
        this.post = post;
        getAttributes().addResourceType("lampyris.collection");
        getAttributes().addContentType(MediaTypes.SENML_JSON);
        getAttributes().addContentType(MediaTypes.SENML_CBOR);
        getAttributes().addContentType(MediaTypes.LINK_FORMAT);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        int accept = exchange.getRequestOptions().hasAccept() ? exchange.getRequestOptions().getAccept()
                : MediaTypes.SENML_JSON;
        if (accept == MediaTypes.LINK_FORMAT) {
            exchange.respond(ResponseCode.CONTENT, LinkFormat.serializeTree(this), MediaTypes.LINK_FORMAT);
            return;
        }
        if (!MediaTypes.PACK_FORMATS.contains(accept)) {
            exchange.respond(ResponseCode.NOT_ACCEPTABLE, "a collection is served as " + MediaTypes.describe(
                    List.of(MediaTypes.SENML_JSON, MediaTypes.SENML_CBOR, MediaTypes.LINK_FORMAT)),
                    MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        List<SenmlRecord> records = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        collect(this, records, failed);
        if (records.isEmpty() && !failed.isEmpty()) {
            exchange.respond(ResponseCode.SERVICE_UNAVAILABLE, "no point of " + getURI() + " answered: " + failed,
                    MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        byte[] body = accept == MediaTypes.SENML_CBOR ? PayloadWriter.senmlCbor(post.baseName(), records)
                : PayloadWriter.senmlJson(post.baseName(), records);
        exchange.respond(ResponseCode.CONTENT, body, accept);
    }

    /** Points that fail to answer are left out of the pack rather than failing the whole collection. */
    private static void collect(Resource resource, List<SenmlRecord> records, List<String> failed) {
        for (Resource child : LinkFormat.sort(resource.getChildren())) {
            if (child instanceof PointResource point) {
                try {
                    records.add(point.record());
                } catch (PointWithdrawnException e) {
                    // withdrawn while the pack was being made: as if it had gone a moment earlier
                } catch (Exception e) {
                    failed.add(point.pointPath());
                }
            }
            collect(child, records, failed);
        }
    }
}
