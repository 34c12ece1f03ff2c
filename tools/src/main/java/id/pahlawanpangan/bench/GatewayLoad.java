package id.pahlawanpangan.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The gateway benchmark's open loop and its HTTP/1.1 client, on one thread: each request of a
 * {@link GatewayMix} is due at its place in a fixed-rate schedule and goes out on an idle
 * keep-alive connection (a new one is opened while there are fewer than {@code maxConnections});
 * when every connection is busy it waits its turn, and the wait counts in its latency, which
 * runs from its place in the schedule to its complete response (no coordinated omission).
 *
 * <p>Why not the JDK's {@link java.net.http.HttpClient}: on this project's 2-core machine, beside
 * the gateway and nats-server, it cost about 0.65 ms of CPU per request (asynchronous, HTTP/1.1,
 * keep-alive, 32 in flight, warmed up: a whole core at 1,500 requests a second), so the client,
 * not the gateway, would have set the limit. This client writes each request in one write, reads
 * the response with a small parser ({@link HttpResponseParser}) and does nothing else; its own
 * CPU is still measured (this JVM's, beside the gateway's), and so is how far it fell behind its
 * schedule, so that a client that cannot keep up shows.
 */
final class GatewayLoad implements AutoCloseable {
    /** A request and its place in the schedule. */
    private record Due(GatewayMix.Request request, long dueNanos) {}

    private final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        final HttpResponseParser parser = new HttpResponseParser();
        ByteBuffer out;
        Due current;
        long sentNanos;
        boolean connected;

        Connection(SocketChannel channel) throws IOException {
            this.channel = channel;
            this.key = channel.register(selector, SelectionKey.OP_CONNECT, this);
        }
    }

    private final InetSocketAddress address;
    private final String host;
    private final GatewayMix mix;
    private final int maxConnections;
    private final long timeoutNanos;
    private final Selector selector;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final Set<Connection> busy = new HashSet<>();
    private final ArrayDeque<Due> waiting = new ArrayDeque<>();
    private int open;
    private GatewayPhase phase;

    GatewayLoad(String baseUrl, GatewayMix mix, int maxConnections, Duration requestTimeout) throws IOException {
        URI uri = URI.create(baseUrl);
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.host = uri.getHost() + ":" + uri.getPort();
        this.mix = mix;
        this.maxConnections = maxConnections;
        this.timeoutNanos = requestTimeout.toNanos();
        this.selector = Selector.open();
    }

    /** Sends the phase's requests on schedule, then reads every answer (each gives up after the request timeout). */
    void run(GatewayPhase phase) throws IOException {
        this.phase = phase;
        long count = phase.requests();
        phase.startAt(System.nanoTime() + 1_000_000);
        long next = 0;
        long nextTimeoutCheck = 0;
        while (next < count || !busy.isEmpty() || !waiting.isEmpty()) {
            long now = System.nanoTime();
            while (next < count && phase.due(next) <= now) {
                waiting.add(new Due(mix.next(System.currentTimeMillis()), phase.due(next)));
                next++;
            }
            dispatch();
            if (now >= nextTimeoutCheck) {
                expire(now);
                nextTimeoutCheck = now + 50_000_000;
            }
            long wait = next < count ? phase.due(next) - System.nanoTime() : 10_000_000;
            int ready = wait >= 1_000_000 ? selector.select(wait / 1_000_000) : selector.selectNow();
            if (ready == 0 && wait > 0 && wait < 1_000_000) {
                LockSupport.parkNanos(Math.min(wait, 100_000));
            }
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                if (key.isValid()) {
                    ready((Connection) key.attachment(), key);
                }
            }
        }
    }

    /** Waiting requests onto idle connections, or new ones while there may be more. */
    private void dispatch() throws IOException {
        while (!waiting.isEmpty()) {
            Connection c = idle.poll();
            if (c == null) {
                if (open >= maxConnections) {
                    return;
                }
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                open++;
                c = new Connection(channel);
                c.current = waiting.poll();
                busy.add(c);
                try {
                    if (channel.connect(address)) {
                        connected(c);
                    }
                } catch (IOException e) {
                    fail(c, e instanceof ConnectException ? "no connection" : e.getClass().getSimpleName());
                }
                continue;
            }
            c.current = waiting.poll();
            busy.add(c);
            send(c);
        }
    }

    private void connected(Connection c) throws IOException {
        c.connected = true;
        send(c);
    }

    private void send(Connection c) throws IOException {
        c.out = encode(c.current.request());
        c.parser.reset();
        c.sentNanos = System.nanoTime();
        phase.sent(c.current.dueNanos(), c.sentNanos);
        write(c);
    }

    private void write(Connection c) throws IOException {
        try {
            c.channel.write(c.out);
        } catch (IOException e) {
            fail(c, "connection closed");
            return;
        }
        c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void ready(Connection c, SelectionKey key) throws IOException {
        if (key.isConnectable()) {
            try {
                c.channel.finishConnect();
            } catch (IOException e) {
                fail(c, "no connection");
                return;
            }
            connected(c);
            return;
        }
        if (key.isWritable()) {
            write(c);
            return;
        }
        if (key.isReadable()) {
            read(c);
        }
    }

    private void read(Connection c) throws IOException {
        while (true) {
            readBuffer.clear();
            int n;
            try {
                n = c.channel.read(readBuffer);
            } catch (IOException e) {
                n = -1;
            }
            if (n == 0) {
                return;
            }
            if (n < 0) {
                if (c.current == null) {
                    closeIdle(c); // the server closed a connection it had kept alive
                } else if (c.parser.endOfInput()) {
                    answered(c);
                    close(c);
                } else {
                    fail(c, "connection closed");
                }
                return;
            }
            if (c.current == null) {
                continue; // nothing asked: nothing to read
            }
            readBuffer.flip();
            boolean complete;
            try {
                complete = c.parser.feed(readBuffer);
            } catch (RuntimeException e) {
                fail(c, "bad response");
                return;
            }
            if (complete) {
                answered(c);
                if (c.parser.closes()) {
                    close(c);
                } else {
                    busy.remove(c);
                    c.current = null;
                    idle.add(c);
                }
                return;
            }
        }
    }

    private void answered(Connection c) {
        phase.answered(c.current.request(), c.current.dueNanos(), System.nanoTime(), c.parser.status(), c.parser.body());
    }

    /** Requests outstanding longer than the timeout: failed, their connections closed. */
    private void expire(long now) {
        for (Connection c : busy.toArray(new Connection[0])) {
            if (c.connected ? now - c.sentNanos > timeoutNanos : now - c.current.dueNanos() > timeoutNanos) {
                fail(c, "timeout");
            }
        }
    }

    private void fail(Connection c, String what) {
        phase.failed(c.current.dueNanos(), System.nanoTime(), what);
        close(c);
    }

    private void close(Connection c) {
        busy.remove(c);
        c.current = null;
        open--;
        c.key.cancel();
        try {
            c.channel.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    private void closeIdle(Connection c) {
        idle.remove(c);
        open--;
        c.key.cancel();
        try {
            c.channel.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    /** The request as it goes on the wire: one buffer, headers and body. */
    ByteBuffer encode(GatewayMix.Request r) {
        return ByteBuffer.wrap(encode(r, host));
    }

    static byte[] encode(GatewayMix.Request r, String host) {
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256)
                .append(r.method()).append(' ').append(r.path()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Authorization: Bearer ").append(r.key()).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        if (r.idempotencyKey() != null) {
            head.append("Idempotency-Key: ").append(r.idempotencyKey()).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    @Override
    public void close() {
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
