package org.lampyris.lampctl;

import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;

/**
 * What an endpoint hears from the post of the request in progress: any message shows the post is alive, an empty ACK
 * that it works on the request and answers later (a separate response), and each 2.31 Continue that one block of an
 * upload arrived. Californium's block-wise layer sends the blocks; this sees their acknowledgements, so the progress
 * it reports is what the post has received, not what was queued. lampctl sends one request at a time per endpoint.
 */
final class Activity extends MessageInterceptorAdapter {
    private volatile long lastHeard;
    private volatile boolean heard;
    private volatile boolean working;
    private volatile UploadProgress progress;
    private volatile long sentUpTo;

    void begin(UploadProgress progress) {
        this.progress = progress;
        working = false;
        heard = false;
        sentUpTo = 0;
        lastHeard = System.nanoTime();
    }

    void end() {
        progress = null;
    }

    /** @return nanoseconds since the post was last heard (or since the request began) */
    long quietNanos() {
        return System.nanoTime() - lastHeard;
    }

    /** @return true when the post sent anything since the request began */
    boolean heard() {
        return heard;
    }

    /** @return true when the post acknowledged the request and its answer is still to come */
    boolean working() {
        return working;
    }

    @Override
    public void sendRequest(Request request) {
        BlockOption block1 = request.getOptions().getBlock1();
        if (block1 != null) {
            // The post may answer with a smaller block size than it was sent: count what was sent.
            sentUpTo = block1.getOffset() + (long) request.getPayloadSize();
        }
    }

    @Override
    public void receiveResponse(Response response) {
        lastHeard = System.nanoTime();
        heard = true;
        working = false;
        UploadProgress p = progress;
        if (p != null && response.getCode() == ResponseCode.CONTINUE && response.getOptions().hasBlock1()) {
            p.acknowledged(sentUpTo);
        }
    }

    @Override
    public void receiveEmptyMessage(EmptyMessage message) {
        lastHeard = System.nanoTime();
        heard = true;
        if (message.getType() == Type.ACK) {
            working = true;
            UploadProgress p = progress;
            if (p != null) {
                p.working();
            }
        }
    }
}
