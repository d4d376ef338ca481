package dev.bms.testkit.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a shared server (the test PostgreSQL) that a test can cut and restore, to
 * see how a client behaves while "the database is down" without stopping a server other tests use.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432)) {
 *   String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test";
 *   ...
 *   proxy.cut();       // open connections are reset, new ones refused
 *   proxy.restore();   // accepts again on the same port
 * }
 * }</pre>
 *
 * <p>While cut, the port is closed: connecting fails at once with "connection refused", as when a
 * database server is stopped. Threads are daemons; {@link #close()} stops everything.
 */
public final class TcpProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private ServerSocket server;

  private TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = listen(0);
    this.port = server.getLocalPort();
    accept(server);
  }

  /** A proxy on a free local port forwarding to {@code host:port}, accepting connections. */
  public static TcpProxy to(String host, int port) {
    return new TcpProxy(host, port);
  }

  /** The local port clients connect to; the same after {@link #restore()}. */
  public int port() {
    return port;
  }

  /** Resets every open connection and stops accepting new ones. */
  public synchronized void cut() {
    closeQuietly(server);
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  /** Accepts connections again, on the same port. */
  public synchronized void restore() {
    if (!server.isClosed()) {
      return;
    }
    server = listen(port);
    accept(server);
  }

  @Override
  public void close() {
    cut();
  }

  private static ServerSocket listen(int port) {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
  }

  private void accept(ServerSocket listening) {
    daemon("tcp-proxy-accept-" + port, () -> {
      while (!listening.isClosed()) {
        try {
          Socket client = listening.accept();
          Socket upstream;
          try {
            upstream = new Socket(targetHost, targetPort);
          } catch (IOException refused) {
            closeQuietly(client);
            continue;
          }
          // cut() may have run while upstream was connecting: then this pair must not outlive it
          // (it would keep "the database" reachable through the cut). Both hold the proxy's lock.
          synchronized (this) {
            if (listening.isClosed()) {
              closeQuietly(client);
              closeQuietly(upstream);
              continue;
            }
            open.add(client);
            open.add(upstream);
          }
          daemon("tcp-proxy-up", () -> pump(client, upstream));
          daemon("tcp-proxy-down", () -> pump(upstream, client));
        } catch (IOException e) {
          // closed by cut() or close()
        }
      }
    });
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // nothing to do
    }
  }
}
