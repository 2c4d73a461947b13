// A charge-point operator's central system (CSMS) for the OCPP end-to-end tests, built on ocpp-rpc in strict mode:
// every call the charge point makes and every answer it gives is validated against the OCPP 1.6 JSON schemas.
// It listens on a loopback port (argument 1; 0 for any free one) and writes what happens as JSON lines on stdout:
//   {"event":"listening","port":N}, {"event":"connected","identity":...,"password":...} (null without Basic auth),
//   {"event":"call","method":...,"params":...} for each call of the charge point (answered as below),
//   {"event":"answer","id":...,"result":...} or {"event":"error","id":...} for the calls it was told to make,
//   {"event":"invalid",...} for a message of the charge point that breaks the schemas, {"event":"disconnected"}.
// A charge point whose Basic-auth password is "wrong" is refused with HTTP 401 ({"event":"refused"}).
// It reads commands as JSON lines on stdin:
//   {"cmd":"call","id":...,"method":...,"params":...}  call the connected charge point
//   {"cmd":"raw","message":[2,"raw-1",...]}  send a message past strict mode; the answer is {"event":"raw",...}
//   {"cmd":"boot","status":"Pending","interval":1}  how the next BootNotifications are answered (default:
//       Accepted, with the heartbeat interval of argument 2)
//   {"cmd":"down"}  close the server and drop the charge point    {"cmd":"up"}  listen again on the same port
//   {"cmd":"exit"}
'use strict';
const { RPCServer } = require('ocpp-rpc');
const readline = require('readline');
const fs = require('fs');
const path = require('path');
const https = require('https');

let port = Number(process.argv[2] || 0);
const heartbeat = Number(process.argv[3] || 300);
// With a folder as argument 3, TLS (wss://, security profiles 2 and 3): csms.pem and csms.key are the server's
// certificate and key, ca.pem the authority a charge point's client certificate may come from.
const tlsDir = process.argv[4];
let httpServer = null;
let server = null;
let client = null;
let nextTransaction = 1000;
let boot = { status: 'Accepted', interval: heartbeat };

function out(event) {
    process.stdout.write(JSON.stringify(event) + '\n');
}

function newServer() {
    const s = new RPCServer({ protocols: ['ocpp1.6'], strictMode: true });
    s.auth((accept, reject, handshake) => {
        if (handshake.password !== undefined && handshake.password.toString('utf8') === 'wrong') {
            out({ event: 'refused', identity: handshake.identity });
            reject(401);
            return;
        }
        const socket = handshake.request.socket;
        const peer = tlsDir ? socket.getPeerCertificate() : null;
        accept({
            password: handshake.password === undefined ? null : handshake.password.toString('utf8'),
            clientCertificate: peer && peer.subject ? peer.subject.CN : null,
            clientCertificateTrusted: tlsDir ? socket.authorized : false,
        });
    });
    s.on('client', (c) => {
        client = c;
        out({ event: 'connected', identity: c.identity, password: c.session.password,
            clientCertificate: c.session.clientCertificate, clientCertificateTrusted: c.session.clientCertificateTrusted });
        c.on('strictValidationFailure', (e) => out({ event: 'invalid', method: e.method, outbound: e.outbound,
            isCall: e.isCall, error: String(e.error && e.error.message) }));
        c.on('badMessage', (e) => {
            // the answer to a raw call (below) is a response to no call ocpp-rpc made: not the charge point's fault
            if (!String(e.buffer).includes('"raw-')) {
                out({ event: 'invalid', bad: String(e.error && e.error.message) });
            }
        });
        c.on('message', ({ message, outbound }) => {
            if (!outbound && String(message).includes('"raw-')) {
                out({ event: 'raw', message: JSON.parse(String(message)) });
            }
        });
        c.on('close', () => {
            if (client === c) {
                client = null;
            }
            out({ event: 'disconnected' });
        });
        c.handle(({ method, params }) => {
            out({ event: 'call', method, params });
            switch (method) {
                case 'BootNotification':
                    return { status: boot.status, interval: boot.interval, currentTime: new Date().toISOString() };
                case 'Heartbeat':
                    return { currentTime: new Date().toISOString() };
                case 'StartTransaction':
                    return { transactionId: nextTransaction++, idTagInfo: { status: 'Accepted' } };
                case 'StopTransaction':
                    return { idTagInfo: { status: 'Accepted' } };
                case 'Authorize':
                    // an idTag starting with "bad" is refused
                    return { idTagInfo: { status: params.idTag.startsWith('bad') ? 'Invalid' : 'Accepted' } };
                default:
                    return {};
            }
        });
    });
    return s;
}

async function up() {
    server = newServer();
    if (tlsDir) {
        httpServer = https.createServer({
            cert: fs.readFileSync(path.join(tlsDir, 'csms.pem')),
            key: fs.readFileSync(path.join(tlsDir, 'csms.key')),
            ca: fs.readFileSync(path.join(tlsDir, 'ca.pem')),
            requestCert: true,
            rejectUnauthorized: false,
        });
        httpServer.on('upgrade', server.handleUpgrade);
        await new Promise((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
        port = httpServer.address().port;
    } else {
        const http = await server.listen(port, '127.0.0.1');
        port = http.address().port;
    }
    out({ event: 'listening', port });
}

async function down() {
    const s = server;
    server = null;
    client = null;
    if (s) {
        await s.close({ force: true });
    }
    if (httpServer) {
        await new Promise((resolve) => httpServer.close(resolve));
        httpServer = null;
    }
    out({ event: 'down' });
}

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
    const command = JSON.parse(line);
    try {
        if (command.cmd === 'call') {
            if (!client) {
                out({ event: 'error', id: command.id, error: 'no charge point connected' });
                return;
            }
            try {
                const result = await client.call(command.method, command.params);
                out({ event: 'answer', id: command.id, result });
            } catch (e) {
                out({ event: 'error', id: command.id, error: String(e.message), code: e.rpcErrorCode });
            }
        } else if (command.cmd === 'raw') {
            // a message sent as it is, past strict mode: a call the schemas refuse, with an id starting "raw-"
            client.sendRaw(JSON.stringify(command.message));
        } else if (command.cmd === 'boot') {
            boot = { status: command.status, interval: command.interval };
            out({ event: 'boot', status: boot.status });
        } else if (command.cmd === 'down') {
            await down();
        } else if (command.cmd === 'up') {
            await up();
        } else if (command.cmd === 'exit') {
            await down();
            process.exit(0);
        }
    } catch (e) {
        out({ event: 'failure', error: String(e && e.stack) });
    }
}).on('close', async () => {
    await down();
    process.exit(0);
});

up().catch((e) => {
    out({ event: 'failure', error: String(e && e.stack) });
    process.exit(1);
});
