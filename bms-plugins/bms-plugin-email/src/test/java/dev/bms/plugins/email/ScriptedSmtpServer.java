package dev.bms.plugins.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A tiny real SMTP server on a random local port that answers RCPT TO with a chosen reply (to
 * test how 4xx and 5xx rejections are classified), or never says anything at all (to test
 * timeouts). GreenMail accepts every recipient, so it cannot play these parts.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  private final ServerSocket server;
  private final Thread thread;
  private final String rcptReply;
  private final boolean silent;

  private ScriptedSmtpServer(String rcptReply, boolean silent) {
    this.rcptReply = rcptReply;
    this.silent = silent;
    try {
      server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread = new Thread(this::serve, "scripted-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  /** Replies {@code reply} (e.g. "550 5.1.1 no such user") to every RCPT TO. */
  static ScriptedSmtpServer rejectingRecipients(String reply) {
    return new ScriptedSmtpServer(reply, false);
  }

  /** Accepts connections and never sends a byte. */
  static ScriptedSmtpServer silent() {
    return new ScriptedSmtpServer("", true);
  }

  int port() {
    return server.getLocalPort();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        if (silent) {
          // Hold the connection open without a greeting until the client gives up.
          while (socket.getInputStream().read() >= 0) {
            // discard
          }
          continue;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        write(out, "220 scripted ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
          String command = line.toUpperCase(Locale.ROOT);
          if (command.startsWith("EHLO")) {
            write(out, "250-scripted\r\n250 8BITMIME");
          } else if (command.startsWith("RCPT")) {
            write(out, rcptReply);
          } else if (command.startsWith("QUIT")) {
            write(out, "221 bye");
            break;
          } else {
            write(out, "250 OK");
          }
        }
      } catch (IOException e) {
        // closed by the test, or the client hung up: serve the next connection
      }
    }
  }

  private static void write(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
