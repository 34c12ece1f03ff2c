package id.pahlawanpangan.connectors.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on loopback between a client and a real server, which a test can cut the way a
 * crashing server or a broken network does: first a black hole (bytes in both directions are read
 * and dropped, so publications are lost and acknowledgements never come, while the client still
 * thinks it is connected), then severed connections and refused reconnections, then healed.
 */
public final class SeveringProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "severing-proxy");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean forwarding = true;
    private volatile boolean refusing;
    private volatile boolean closed;

    public SeveringProxy(String targetHost, int targetPort) throws IOException {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Bytes are dropped from now on, both ways, on the connections as they are. */
    public void blackHole() {
        forwarding = false;
    }

    /** Every connection is closed, and new ones are refused until {@link #heal}. */
    public void sever() {
        refusing = true;
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        forwarding = true;
    }

    public void heal() {
        refusing = false;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                threads.submit(() -> relay(client, server));
                threads.submit(() -> relay(server, client));
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
            }
        }
    }

    private void relay(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (forwarding) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side closed: the relay ends
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        sever();
        threads.shutdownNow();
    }
}
