package org.lampyris.lampctl;

import java.io.PrintStream;

import org.eclipse.californium.core.coap.Request;

/**
 * What every command works with: the client, where results go (standard output) and where progress goes (standard
 * error).
 *
 * @param client the CoAP client
 * @param out results
 * @param err progress and diagnostics
 * @param terminal whether err is a terminal (progress rewritten in place)
 */
record Session(PostClient client, PrintStream out, PrintStream err, boolean terminal) {

    /**
     * Sends a request and insists on success.
     *
     * @return the successful answer
     * @throws CommandFailure refused (with the post's answer) or unreachable
     */
    Answer call(HostAddress host, Request request) throws CommandFailure {
        return call(host, request, null);
    }

    /** As {@link #call(HostAddress, Request)}, telling progress of an upload. */
    Answer call(HostAddress host, Request request, UploadProgress progress) throws CommandFailure {
        String what = PostClient.describe(request);
        Answer answer = client.send(host, request, progress);
        if (!answer.success()) {
            throw CommandFailure.refused(host, what, answer);
        }
        return answer;
    }

    /** @return a request for a path, with an optional query such as {@code rollback} */
    static Request request(org.eclipse.californium.core.coap.CoAP.Code code, String path, String query) {
        Request request = new Request(code);
        request.getOptions().setUriPath(path);
        if (query != null) {
            request.getOptions().setUriQuery(query);
        }
        return request;
    }

    /**
     * GETs a management resource that answers JSON.
     *
     * @param shape what the answer must be to be shown as lampctl shows it ({@code List.class}, {@code Map.class})
     * @return the answer parsed, or null once the answer was printed as it came (not JSON, or not of that shape)
     * @throws CommandFailure as {@link #call}
     */
    Object getJson(HostAddress host, String path, Class<?> shape) throws CommandFailure {
        Answer answer = call(host, request(org.eclipse.californium.core.coap.CoAP.Code.GET, path, null));
        try {
            Object parsed = Json.parse(answer.text());
            if (shape.isInstance(parsed)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // printed as it came below
        }
        print(answer);
        return null;
    }

    /** Prints a body: text as it is, ending in a newline; a binary format as hex. */
    void print(Answer answer) {
        if (answer.payload().length == 0) {
            out.println(Answer.codeText(answer.code()));
        } else if (answer.textual()) {
            String text = answer.text();
            out.print(text.endsWith("\n") ? text : text + "\n");
        } else {
            StringBuilder hex = new StringBuilder();
            for (byte b : answer.payload()) {
                hex.append(String.format("%02x", b));
            }
            out.println(hex);
        }
        out.flush();
    }
}
