package org.lampyris.lampctl;

/** The text of {@code lampctl --help}. */
final class Usage {
    private Usage() {
    }

    static final String TEXT = """
            lampctl: the city engineer's client for Lampyris lamp posts

            lampctl [--host HOST[:PORT]]... [--hosts FILE] [--psk IDENTITY:SECRET | --cert CRT [--key KEY] --ca CA]
                    [--timeout S] [--wait S] COMMAND ARGUMENTS...

            Posts
              --host HOST[:PORT]   a post, over DTLS (coaps://, port 5684); coap://HOST[:PORT] for plain CoAP
                                   (port 5683, reads only). Repeatable.
              --hosts FILE         posts, one HOST[:PORT] per line, # comments; the first is a rollout's canary
            Credentials (DTLS)
              --psk ID:SECRET      a pre-shared key; default: the environment variable LAMPCTL_PSK
              --cert CRT --key KEY --ca CA
                                   an X.509 client certificate and key (PEM; KEY may be in CRT) and the authority
                                   the posts' certificates are checked against
            Patience
              --timeout S          a post silent this long is unreachable (default 10)
              --wait S             how long to wait for a post that acknowledged a request and is applying it, such
                                   as an update during its health window (default 300)

            Commands
              discover                        GET /.well-known/core
              get PATH [--accept F]           GET a point or collection; F: text, json, senml, cbor, link
              put PATH VALUE [--format F]     PUT a value; F: text (default), json, senml
              observe PATH [--seconds N] [--accept F]
                                              one line per notification, for N seconds or until interrupted
              bundles                         GET /mgmt/bundles, as a table
              bundle BSN                      GET /mgmt/bundles/BSN, with its last transaction
              install JAR                     POST /mgmt/bundles (block-wise, progress on stderr)
              update JAR [--rollback]         PUT /mgmt/bundles/{Bundle-SymbolicName of the JAR}; --rollback
                                              allows a lower version
              rollback BSN | start BSN | stop BSN
                                              POST rollback, start or stop to /mgmt/bundles/BSN
              uninstall BSN                   DELETE /mgmt/bundles/BSN
              config PID [--set JSON]         GET, or PUT a JSON object to, /mgmt/config/PID
              health                          GET /mgmt/health
              log [--lines N]                 GET /mgmt/log, its last N lines
              rollout JAR [--rollback]        update the first post (the canary), then the others one by one;
                                              stop at the first failure; print which post runs which version

            With several posts every command runs on each in turn (a rollout stops at the first failure).

            Exit status
              0  success
              1  refused: a post answered 4.xx or 5.xx
              2  command-line error, nothing sent
              3  unreachable: no answer in time, or the DTLS handshake failed
            Several posts: the most serious outcome (3, then 1). Every error names the post, the request
            and the CoAP answer with the post's reason.

            Examples
              LAMPCTL_PSK=city-engineer:engineer-secret lampctl --host 127.0.0.1 health
              lampctl --host 10.0.4.17 --psk city-operator:operator-secret put /light/level 30
              lampctl --host coap://10.0.4.17 get /light --accept senml
              lampctl --hosts elm-street.txt rollout org.example.dimming-1.2.0.jar
            """;
}
