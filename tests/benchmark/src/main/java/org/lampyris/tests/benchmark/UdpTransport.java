package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * Plain CoAP for the {@link LoadGenerator}: a raw, connected UDP socket read on the generator's own thread, so that
 * a request costs the client a system call each way and nothing else. A fresh session is a fresh socket.
 */
final class UdpTransport implements GetTransport {
    private final InetSocketAddress server;
    private final OutstandingGets gets;
    private final ByteBuffer answer = ByteBuffer.allocate(2048);
    private final Selector selector;
    private DatagramChannel channel;

    UdpTransport(InetSocketAddress server, OutstandingGets gets) throws IOException {
        this.server = server;
        this.gets = gets;
        this.selector = Selector.open();
        open();
    }

    private void open() throws IOException {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.connect(server);
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        channel.write(ByteBuffer.wrap(datagram));
    }

    @Override
    public void renew() throws IOException {
        channel.close();
        open();
    }

    @Override
    public void awaitAnswers(long millis) throws IOException {
        selector.select(millis);
        selector.selectedKeys().clear();
        while (true) {
            answer.clear();
            int length;
            try {
                length = channel.read(answer);
            } catch (PortUnreachableException e) {
                // The server is not there (yet, or any more): the requests in flight will expire.
                return;
            }
            if (length <= 0) {
                return;
            }
            gets.handle(answer.array(), length, System.nanoTime());
        }
    }

    @Override
    public String describe() {
        return "raw UDP to " + server;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        selector.close();
    }
}
