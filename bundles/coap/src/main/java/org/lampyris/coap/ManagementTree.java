package org.lampyris.coap;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.lampyris.api.Subscription;
import org.lampyris.api.management.ManagementRequest;
import org.lampyris.api.management.ManagementResource;
import org.lampyris.api.management.ManagementResponse;
import org.lampyris.coap.security.Identities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /mgmt}: publishes every {@link ManagementResource} service at {@code /mgmt/{name}} and hands the requests
 * below it to that service on one management thread, one at a time. The access policy has admitted the caller before
 * a request gets here (only the engineer role reaches {@code /mgmt}), and Californium has reassembled a block-wise
 * upload into one body.
 * <p>
 * A management request may take seconds (an update waits for its health window), so a confirmable one is acknowledged
 * at once and answered in a separate response: the client does not retransmit meanwhile, and the CoAP threads are
 * never held.
 */
final class ManagementTree extends AnsweringResource {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementTree.class);
    /** Requests waiting for the management thread beyond this many get 5.03 at once. */
    private static final int QUEUE = 16;

    private final ExecutorService worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "lampyris-mgmt");
                t.setDaemon(true);
                return t;
            });
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();

    ManagementTree() {
        super("mgmt");
        getAttributes().setTitle("Remote management (engineer role)");
    }

    /**
     * A management resource of this bundle that has something to do once its answer has left: ending the caller's own
     * DTLS session, say, which would otherwise take the answer with it.
     */
    interface AfterAnswer {
        /** @return what to do once the answer to the request just handled is sent, or null; asked once per request */
        Runnable afterAnswer();
    }

    /**
     * Publishes a management resource at {@code /mgmt/{name}}, in place of any earlier one of that name. A name of two
     * segments ({@code security/trust}) is published below a group ({@code /mgmt/security}) that several resources,
     * of different bundles, share.
     */
    void publish(String name, ManagementResource resource) {
        int slash = name.indexOf('/');
        String leaf = slash < 0 ? name : name.substring(slash + 1);
        Node node = new Node(leaf, resource, List.of());
        Node previous = nodes.put(name, node);
        if (previous != null) {
            withdraw(previous);
        }
        if (slash < 0) {
            add(node);
        } else {
            String group = name.substring(0, slash);
            Resource parent = getChild(group);
            if (!(parent instanceof Group)) {
                parent = new Group(group);
                add((Group) parent);
            }
            ((Group) parent).add(node);
        }
        Subscription changes = resource.observe(node::changed);
        if (changes != null) {
            node.setObservable(true);
            node.getAttributes().setObservable();
            node.changes = changes;
        }
        LOG.debug("Publishing /mgmt/{}", name);
    }

    /** Withdraws {@code /mgmt/{name}} if it is still served by this resource. */
    void withdraw(String name, ManagementResource resource) {
        Node node = nodes.get(name);
        if (node != null && node.resource == resource && nodes.remove(name, node)) {
            withdraw(node);
        }
    }

    private void withdraw(Node node) {
        if (node.changes != null) {
            node.changes.close();
        }
        Resource parent = node.getParent();
        if (parent instanceof CoapResource p) {
            p.delete(node);
        }
        node.clearAndNotifyObserveRelations(ResponseCode.NOT_FOUND);
        if (parent instanceof Group group && group.getChildren().isEmpty()) {
            delete(group);
        }
    }

    void close() {
        new ArrayList<>(nodes.keySet()).forEach(name -> {
            Node node = nodes.remove(name);
            if (node != null) {
                withdraw(node);
            }
        });
        worker.shutdownNow();
    }

    @Override
    public void handleGET(org.eclipse.californium.core.server.resources.CoapExchange exchange) {
        StringBuilder text = new StringBuilder("Remote management:");
        nodes.keySet().stream().sorted().forEach(name -> text.append(" /mgmt/").append(name));
        exchange.respond(ResponseCode.CONTENT, text.toString(), MediaTypeRegistry.TEXT_PLAIN);
    }

    /** {@code /mgmt/{group}}: the resources published below it, such as {@code /mgmt/security/trust}. */
    private static final class Group extends AnsweringResource {
        Group(String name) {
            super(name);
        }

        @Override
        public void handleGET(org.eclipse.californium.core.server.resources.CoapExchange exchange) {
            StringBuilder text = new StringBuilder("Remote management:");
            getChildren().stream().map(Resource::getURI).sorted().forEach(uri -> text.append(' ').append(uri));
            exchange.respond(ResponseCode.CONTENT, text.toString(), MediaTypeRegistry.TEXT_PLAIN);
        }
    }

    /** {@code /mgmt/{name}} and every path below it, answered by one {@link ManagementResource}. */
    private final class Node extends CoapResource {
        private final ManagementResource resource;
        private final List<String> below;
        private volatile Subscription changes;

        Node(String name, ManagementResource resource, List<String> below) {
            super(name);
            this.resource = resource;
            this.below = below;
        }

        /** Any path below: one node per request, which answers through the same resource. */
        @Override
        public Resource getChild(String name) {
            List<String> path = new ArrayList<>(below);
            path.add(name);
            Node child = new Node(name, resource, List.copyOf(path));
            child.setParent(this);
            return child;
        }

        @Override
        public void handleRequest(Exchange exchange) {
            Request request = exchange.getRequest();
            if (request.getCode() == null) {
                Response refused = new Response(ResponseCode.METHOD_NOT_ALLOWED);
                refused.setPayload("only GET, POST, PUT and DELETE are served under /mgmt");
                refused.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
                exchange.sendResponse(refused);
                return;
            }
            String method = request.getCode().name();
            ManagementRequest call = new ManagementRequest(method, below, query(request),
                    request.getPayload() == null ? new byte[0] : request.getPayload(),
                    request.getOptions().getContentFormat(), identity(request));
            if (!method.equals("GET") && request.isConfirmable()) {
                exchange.sendAccept(); // answered in a separate response, once the work is done
            }
            try {
                worker.execute(() -> answer(exchange, call));
            } catch (RejectedExecutionException e) {
                respond(exchange, ResponseCode.SERVICE_UNAVAILABLE, "the management thread is busy with "
                        + QUEUE + " requests; try again in a moment");
            }
        }

        private void answer(Exchange exchange, ManagementRequest call) {
            String where = call.method() + " " + getURI();
            Runnable after = null;
            try {
                ManagementResponse answer = resource.handle(call);
                after = resource instanceof AfterAnswer a ? a.afterAnswer() : null;
                if (answer == null) {
                    throw new IllegalStateException("the management resource gave no answer");
                }
                Response response = new Response(ResponseCode.valueOf((answer.code() / 100) << 5
                        | answer.code() % 100));
                response.setPayload(answer.body());
                response.getOptions().setContentFormat(answer.contentFormat());
                if (after != null) {
                    response.addMessageObserver(new Once(after));
                    after = null;
                }
                // On the exchange's own executor, as Californium requires of an observe relation's bookkeeping.
                exchange.execute(() -> {
                    checkObserveRelation(exchange, response); // a notification's Observe number, or the end of one
                    exchange.sendResponse(response);
                });
            } catch (Throwable t) { // never leave an engineer without an answer
                LOG.warn("Answering {} failed", where, t);
                respond(exchange, ResponseCode.INTERNAL_SERVER_ERROR, "server error while answering " + where + ": "
                        + Errors.describe(t));
                if (t instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
            } finally {
                if (after != null) { // no answer carries it: do it now
                    after.run();
                }
            }
        }
    }

    /** Runs an action once a response has left, or has failed to. */
    private static final class Once extends MessageObserverAdapter {
        private final AtomicBoolean done = new AtomicBoolean();
        private final Runnable action;

        Once(Runnable action) {
            this.action = action;
        }

        @Override
        public void onSent(boolean retransmission) {
            run();
        }

        @Override
        public void onSendError(Throwable error) {
            run();
        }

        @Override
        public void onCancel() {
            run();
        }

        @Override
        public void onTimeout() {
            run();
        }

        private void run() {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        }
    }

    private static void respond(Exchange exchange, ResponseCode code, String reason) {
        Response response = new Response(code);
        response.setPayload(reason);
        response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        exchange.sendResponse(response);
    }

    private static Map<String, String> query(Request request) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String option : request.getOptions().getUriQuery()) {
            int eq = option.indexOf('=');
            query.put(eq < 0 ? option : option.substring(0, eq), eq < 0 ? "" : option.substring(eq + 1));
        }
        return query;
    }

    private static String identity(Request request) {
        Principal peer = request.getSourceContext() == null ? null : request.getSourceContext().getPeerIdentity();
        return Identities.nameOf(peer);
    }
}
