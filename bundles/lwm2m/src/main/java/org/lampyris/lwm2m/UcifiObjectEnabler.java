package org.lampyris.lwm2m;

import java.util.HashMap;

import org.eclipse.leshan.client.resource.ObjectEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.WriteResponse;

/**
 * Leshan's object enabler for a uCIFI object, with one difference: a write that Leshan refuses because the object's
 * model declares the resource read-only gets a reason, as every refusal of the platform has, instead of an empty 4.05.
 */
final class UcifiObjectEnabler extends ObjectEnabler {

    UcifiObjectEnabler(ObjectModel model) {
        super(model.id, model, new HashMap<>(), null, ContentFormat.DEFAULT);
    }

    @Override
    public synchronized WriteResponse write(LwM2mServer server, WriteRequest request) {
        WriteResponse response = super.write(server, request);
        if (response.getCode() == ResponseCode.METHOD_NOT_ALLOWED && response.getErrorMessage() == null) {
            return new WriteResponse(ResponseCode.METHOD_NOT_ALLOWED, readOnly(request));
        }
        return response;
    }

    private String readOnly(WriteRequest request) {
        Integer resourceId = request.getPath().getResourceId();
        ResourceModel resource = resourceId == null ? null : getObjectModel().resources.get(resourceId);
        return request.getPath() + (resource == null ? "" : " (" + resource.name + ")")
                + " is read-only: the uCIFI object model allows no write to it";
    }
}
